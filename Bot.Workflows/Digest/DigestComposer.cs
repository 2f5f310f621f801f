using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Workflows.Digest;

/// <summary>Builds the digest for a week and renders it for each platform the digest channel is reachable on.</summary>
public sealed class DigestComposer(
    IDigestQueries queries,
    DigestRenderer renderer,
    IOptions<DigestOptions> options,
    IEnumerable<IChatNotifier> notifiers,
    IEnumerable<DigestMarkup> markups,
    ILogger<DigestComposer> logger)
{
    private readonly IReadOnlyList<IChatNotifier> _notifiers = [.. notifiers];
    private readonly IReadOnlyList<DigestMarkup> _markups = [.. markups];

    /// <summary>The last ISO week that has fully ended at <paramref name="now"/> in the digest's time zone.</summary>
    public static IsoWeek LastCompleteWeek(AccessPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return IsoWeek.Containing(now, ZoneOf(policy)).Previous();
    }

    public static TimeZoneInfo ZoneOf(AccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(policy.Digest.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"The digest time zone '{policy.Digest.TimeZone}' is not a known time zone.", e);
        }
    }

    public Task<WeeklyDigest> BuildAsync(IsoWeek week, AccessPolicy policy, CancellationToken ct) =>
        queries.BuildAsync(DigestPeriod.For(week, ZoneOf(policy)), policy, ct);

    public string Render(WeeklyDigest digest, DigestMarkup markup) => renderer.Render(digest, markup);

    /// <summary>
    /// The digest as the chat messages it is posted in (one, unless it exceeds <see cref="DigestOptions.MaxMessageLength"/>).
    /// </summary>
    public IReadOnlyList<string> RenderMessages(WeeklyDigest digest, DigestMarkup markup) =>
        MessageSplitter.Split(renderer.Render(digest, markup), options.Value.MaxMessageLength);

    /// <summary>The notifiers whose platform has an address for the digest channel, in registration order.</summary>
    public IReadOnlyList<IChatNotifier> TargetsFor(AccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return ChatTargets.For(policy, policy.Digest.Channel, _notifiers);
    }

    /// <summary>The markup registered for <paramref name="platform"/>; an escaping markdown style when none is (never unescaped).</summary>
    public DigestMarkup MarkupFor(string platform)
    {
        return ChatTargets.MarkupFor(_markups, platform, logger);
    }
}
