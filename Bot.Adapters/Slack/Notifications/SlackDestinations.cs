using AccessBot.Adapters.Slack.Api;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Notifications;

/// <summary>
/// Where a notification goes on Slack: policy channels through their "slack" address (or the configured approvals /
/// security channel), people through their linked Slack user id and a DM. Someone never seen on Slack is skipped.
/// </summary>
public sealed class SlackDestinations(
    SlackApiClient api,
    IPrincipalDirectory directory,
    IPolicyProvider policy,
    IOptions<SlackOptions> options,
    ILogger<SlackDestinations> logger)
{
    public async Task<IReadOnlyList<string>> ResolveAsync(ChatNotification notification, CancellationToken ct)
    {
        var channels = new List<string>();
        foreach (var name in notification.Audience.Channels.Distinct(StringComparer.Ordinal))
        {
            if (Channel(name) is { } id) channels.Add(id);
            else Log.NoDestination(logger, notification.Id, $"channel {name}");
        }
        foreach (var email in notification.Audience.Emails.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var person = await directory.FindByEmailAsync(email, ct);
            if (person?.SlackUserId is { Length: > 0 } userId) channels.Add(await api.OpenDirectMessageAsync(userId, ct));
            else Log.NoDestination(logger, notification.Id, "a person without a Slack account");
        }
        return channels.Distinct(StringComparer.Ordinal).ToList();
    }

    private string? Channel(string name)
    {
        if (policy.Current.Channels.TryGetValue(name, out var channel)
            && channel.AddressByPlatform.TryGetValue(SlackPlatform.Name, out var address) && !string.IsNullOrWhiteSpace(address))
            return address;
        return name switch
        {
            ChannelPolicy.Approvals => Blank(options.Value.ApprovalChannel),
            ChannelPolicy.Security => Blank(options.Value.SecurityChannel),
            _ => null,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
