namespace AccessBot.Adapters.Slack;

/// <summary>Settings of the Slack adapter (section <c>Slack</c>, e.g. <c>Slack__SigningSecret</c>). Secrets are never logged.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Basic Information → App Credentials → Signing Secret. Verifies every inbound request.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) used for every Web API call.</summary>
    public string? BotToken { get; set; }

    /// <summary>Web API base address; tests point it at a fake server on 127.0.0.1.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The only workspace (<c>T…</c>) whose commands and clicks are accepted.</summary>
    public string? TeamId { get; set; }

    /// <summary>Channel id used for the policy channel "approvals" when the policy gives no Slack address.</summary>
    public string? ApprovalChannel { get; set; }

    /// <summary>Channel id used for the policy channel "security" when the policy gives no Slack address.</summary>
    public string? SecurityChannel { get; set; }

    /// <summary>The adapter is on when both credentials are set; the host maps the endpoints only then.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);
}
