using AccessBot.Adapters.Teams.Connector;
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
    IPolicyProvider policy, IOptions<TeamsOptions> options, IPrincipalDirectory directory, TeamsConversationStore conversations,
    TeamsMessenger messenger)
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

    /// <summary>
    /// The person's personal conversation: the stored one, or one opened now from where they were last seen in a channel.
    /// Null when the bot never saw them on Teams, or they blocked it.
    /// </summary>
    public async Task<TeamsConversationReference?> PersonAsync(string email, CancellationToken ct)
    {
        if (await directory.FindByEmailAsync(email, ct) is not { TeamsAadObjectId: { Length: > 0 } aad }) return null;
        if (await conversations.FindUserAsync(aad, ct) is { } personal) return personal.Dead ? null : personal;
        if (await conversations.FindMemberAsync(aad, ct) is not { UserId: { Length: > 0 } } member) return null;
        var opened = await messenger.OpenPersonalAsync(member, ct);
        await conversations.SaveAsync(opened, ct);
        return opened;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
