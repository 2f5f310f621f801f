using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Teams.Notifications;

/// <summary>
/// Where a notification's audience is on Teams: a policy channel through its "teams" address (or the configured fallback
/// for "approvals" / "security"), a person through the personal conversation stored when they talked to the bot.
/// </summary>
public sealed class TeamsTargets(
    IPolicyProvider policy, IOptions<TeamsOptions> options, IPrincipalDirectory directory, TeamsConversationStore conversations)
{
    /// <summary>The Teams conversation id a policy channel name maps to, or null when it has none.</summary>
    public string? ChannelAddress(string channelName)
    {
        if (policy.Current.Channels.TryGetValue(channelName, out var channel)
            && channel.AddressByPlatform.TryGetValue(TeamsPlatform.Name, out var address) && !string.IsNullOrWhiteSpace(address))
            return address;
        return channelName switch
        {
            ChannelPolicy.Approvals => NullIfBlank(options.Value.ApprovalChannel),
            ChannelPolicy.Security => NullIfBlank(options.Value.SecurityChannel),
            _ => null,
        };
    }

    /// <summary>Every Teams channel the configuration names (policy channels with a teams address, and the fallbacks).</summary>
    public IReadOnlyList<string> ConfiguredChannels()
    {
        var names = policy.Current.Channels.Keys.Concat([ChannelPolicy.Approvals, ChannelPolicy.Security]);
        return [.. names.Select(ChannelAddress).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    public async Task<TeamsConversationReference?> ChannelAsync(string channelName, CancellationToken ct) =>
        ChannelAddress(channelName) is { } address ? await conversations.FindConversationAsync(address, ct) : null;

    /// <summary>The person's personal conversation, unless they never talked to the bot or blocked it.</summary>
    public async Task<TeamsConversationReference?> PersonAsync(string email, CancellationToken ct)
    {
        if (await directory.FindByEmailAsync(email, ct) is not { TeamsAadObjectId: { Length: > 0 } aad }) return null;
        return await conversations.FindUserAsync(aad, ct) is { Dead: false } reference ? reference : null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
