using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Digest;

/// <summary>Which notifiers can reach a policy channel, and which markup each one's text is written in.</summary>
public static class ChatTargets
{
    /// <summary>The notifiers whose platform has an address for <paramref name="channelName"/>, in registration order.</summary>
    public static IReadOnlyList<IChatNotifier> For(AccessPolicy policy, string channelName, IEnumerable<IChatNotifier> notifiers)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(notifiers);
        if (!policy.Channels.TryGetValue(channelName, out var channel))
            throw new InvalidOperationException($"The channel '{channelName}' is not defined in the policy's channels.");
        return [.. notifiers.Where(n => channel.AddressByPlatform.ContainsKey(n.Platform))];
    }

    /// <summary>
    /// The markup registered for <paramref name="platform"/>; the escaping markdown style when none is (never unescaped).
    /// </summary>
    public static DigestMarkup MarkupFor(IEnumerable<DigestMarkup> markups, string platform, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(markups);
        var markup = markups.FirstOrDefault(m => string.Equals(m.Platform, platform, StringComparison.Ordinal));
        if (markup is not null) return markup;
        Log.NoMarkupForPlatform(logger, platform);
        return DigestMarkup.Markdown(platform);
    }
}
