using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack;

/// <summary>Start-up checks when Slack is enabled. Messages name the setting, never its value.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var hasSecret = !string.IsNullOrWhiteSpace(options.SigningSecret);
        var hasToken = !string.IsNullOrWhiteSpace(options.BotToken);
        if (!hasSecret && !hasToken) return ValidateOptionsResult.Skip;

        var failures = new List<string>();
        if (!hasSecret) failures.Add("Slack:SigningSecret is required when Slack:BotToken is set.");
        if (!hasToken) failures.Add("Slack:BotToken is required when Slack:SigningSecret is set.");
        else if (!options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
            failures.Add("Slack:BotToken must be a bot token (it starts with 'xoxb-').");
        if (string.IsNullOrWhiteSpace(options.TeamId) || !options.TeamId.StartsWith('T'))
            failures.Add("Slack:TeamId must be the workspace id (it starts with 'T').");
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL.");
        else if (!options.ApiBaseUrl.AbsolutePath.EndsWith('/'))
            failures.Add("Slack:ApiBaseUrl must end with '/'.");
        if (string.IsNullOrWhiteSpace(options.ApprovalChannel))
            failures.Add("Slack:ApprovalChannel (a channel id such as C0123ABCD) is required.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
