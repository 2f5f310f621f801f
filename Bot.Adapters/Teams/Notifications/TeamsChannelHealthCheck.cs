using AccessBot.Adapters.Teams.Conversations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccessBot.Adapters.Teams.Notifications;

/// <summary>"teams" on /healthz: Degraded while a configured channel has no stored conversation reference (app not installed there).</summary>
public sealed class TeamsChannelHealthCheck(TeamsTargets targets, TeamsConversationStore conversations, TeamsActivation activation) : IHealthCheck
{
    public const string Name = "teams";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!activation.IsActive) return HealthCheckResult.Healthy("Teams is not configured here.");
        var missing = await MissingChannelsAsync(targets, conversations, cancellationToken);
        return missing.Count == 0
            ? HealthCheckResult.Healthy("Every configured Teams channel has a conversation reference.")
            : HealthCheckResult.Degraded($"No conversation reference for Teams channel(s): {string.Join(", ", missing)}. Add the app to them.",
                data: new Dictionary<string, object> { ["missingChannels"] = missing });
    }

    public static async Task<IReadOnlyList<string>> MissingChannelsAsync(TeamsTargets targets, TeamsConversationStore conversations, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var channel in targets.ConfiguredChannels())
            if (await conversations.FindConversationAsync(channel, ct) is null) missing.Add(channel);
        return missing;
    }
}
