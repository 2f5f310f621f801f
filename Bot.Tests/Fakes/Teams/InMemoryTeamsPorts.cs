using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Tests.Fakes.Teams;

/// <summary>In-memory stand-ins for the engine's store ports, for adapter tests that run before the engine lands.</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    public ConcurrentDictionary<(string Platform, string Key), JsonObject> Items { get; } = new();

    public Task SaveAsync(string platform, string key, JsonObject reference, CancellationToken ct)
    {
        Items[(platform, key)] = (JsonObject)reference.DeepClone();
        return Task.CompletedTask;
    }

    public Task<JsonObject?> FindAsync(string platform, string key, CancellationToken ct) =>
        Task.FromResult(Items.TryGetValue((platform, key), out var json) ? (JsonObject?)json.DeepClone() : null);

    public Task DeleteAsync(string platform, string key, CancellationToken ct)
    {
        Items.TryRemove((platform, key), out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string Key, JsonObject Reference)>> ListAsync(string platform, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(string, JsonObject)>>([.. Items.Where(i => i.Key.Platform == platform).Select(i => (i.Key.Key, i.Value))]);
}

public sealed class InMemoryChatMessageStore : IChatMessageStore
{
    public ConcurrentQueue<PostedMessage> Messages { get; } = new();

    public Task RecordAsync(PostedMessage message, CancellationToken ct)
    {
        if (!Messages.Any(m => m.Platform == message.Platform && m.Channel == message.Channel && m.MessageId == message.MessageId))
            Messages.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PostedMessage>> ForRequestAsync(RequestId requestId, string platform, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PostedMessage>>([.. Messages.Where(m => m.RequestId == requestId && m.Platform == platform)]);

    public Task<PostedMessage?> FindAsync(string platform, string channel, string messageId, CancellationToken ct) =>
        Task.FromResult(Messages.FirstOrDefault(m => m.Platform == platform && m.Channel == channel && m.MessageId == messageId));
}

public sealed class InMemoryPrincipalDirectory : IPrincipalDirectory
{
    private readonly ConcurrentDictionary<string, Principal> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public int Links { get; private set; }

    public void Add(Principal principal) => _byEmail[principal.Email] = principal;

    public Task<Principal> ResolveByEmailAsync(string email, string displayName, CancellationToken ct) =>
        Task.FromResult(_byEmail.GetOrAdd(email, e => new Principal(new PrincipalId(Guid.NewGuid()), e, displayName)));

    public Task<Principal> LinkAsync(string email, string displayName, PlatformIdentity identity, CancellationToken ct)
    {
        Links++;
        var existing = _byEmail.GetOrAdd(email, e => new Principal(new PrincipalId(Guid.NewGuid()), e, displayName));
        var linked = identity.Platform == "teams" ? existing with { TeamsAadObjectId = identity.UserId } : existing with { SlackUserId = identity.UserId };
        _byEmail[email] = linked;
        return Task.FromResult(linked);
    }

    public Task<Principal?> FindAsync(PlatformIdentity identity, CancellationToken ct) => Task.FromResult(_byEmail.Values.FirstOrDefault(p =>
        identity.Platform == "teams" ? string.Equals(p.TeamsAadObjectId, identity.UserId, StringComparison.OrdinalIgnoreCase) : p.SlackUserId == identity.UserId));

    public Task<Principal?> FindByEmailAsync(string email, CancellationToken ct) =>
        Task.FromResult(_byEmail.TryGetValue(email, out var p) ? p : null);
}
