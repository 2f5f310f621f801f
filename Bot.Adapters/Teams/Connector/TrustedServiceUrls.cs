using System.Collections.Concurrent;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>
/// The service URLs the bot may call: those seen on validated activities, remembered in memory and, through the stored
/// conversation references, across restarts. Anything else would receive the bot's bearer token, so it is refused.
/// </summary>
public sealed class TrustedServiceUrls(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset? _loadedAt;

    /// <summary>Call only with the serviceUrl of an activity whose token was validated.</summary>
    public void Trust(string serviceUrl) => _urls.TryAdd(Normalise(serviceUrl), 0);

    public async Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct)
    {
        var key = Normalise(serviceUrl);
        if (_urls.ContainsKey(key)) return true;
        // Another replica may have stored a reference since the last look; re-read at most once a minute.
        if (_loadedAt is not { } at || time.GetUtcNow() - at >= ReloadInterval)
        {
            // The store may be scoped (a database session); this registry is a singleton.
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();
            foreach (var (_, json) in await store.ListAsync(TeamsConversationStore.Platform, ct))
                if (TeamsConversationReference.FromJson(json) is { } reference) Trust(reference.ServiceUrl);
            _loadedAt = time.GetUtcNow();
        }
        return _urls.ContainsKey(key);
    }

    internal static string Normalise(string serviceUrl) => serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";
}
