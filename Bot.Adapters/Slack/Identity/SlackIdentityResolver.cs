using AccessBot.Adapters.Slack.Api;
using AccessBot.Workflows.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Identity;

/// <summary>
/// Slack user id → principal, through the verified email of <c>users.info</c> (scope <c>users:read.email</c>). The link is
/// stored with <see cref="IPrincipalDirectory.LinkAsync"/> and cached briefly, so a changed email or a deactivated account
/// is noticed within <see cref="SlackIdentityCache.CacheFor"/>. Bots, deactivated users, users of another workspace and users without an
/// email resolve to null: they can do nothing.
/// </summary>
public sealed class SlackIdentityResolver(
    SlackApiClient api,
    IPrincipalDirectory directory,
    IOptions<SlackOptions> options,
    SlackIdentityCache cache,
    ILogger<SlackIdentityResolver> logger)
{

    public async Task<Principal?> ResolveAsync(string userId, CancellationToken ct)
    {
        if (cache.Find(userId) is { } known) return known;

        SlackUser user;
        try
        {
            user = await api.GetUserAsync(userId, ct);
        }
        catch (SlackApiException e) when (e.Error is "user_not_found" or "user_not_visible")
        {
            Log.NoEmail(logger, userId);
            return null;
        }

        var team = options.Value.TeamId;
        if (user.Deleted || user.IsBot || user.Email is null || (team is not null && user.TeamId is not null && user.TeamId != team))
        {
            cache.Forget(userId);
            Log.NoEmail(logger, userId);
            return null;
        }

        var principal = await directory.LinkAsync(user.Email, user.DisplayName, new PlatformIdentity(SlackPlatform.Name, user.Id), ct);
        cache.Remember(userId, principal);
        return principal;
    }
}
