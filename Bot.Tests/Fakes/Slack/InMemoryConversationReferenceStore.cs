using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Tests.Fakes.Slack;

/// <summary>In-memory <see cref="IConversationReferenceStore"/> (a port) for adapter tests.</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<(string, string), JsonObject> _refs = new();

    public Task SaveAsync(string platform, string key, JsonObject reference, CancellationToken ct)
    {
        _refs[(platform, key)] = (JsonObject)reference.DeepClone();
        return Task.CompletedTask;
    }

    public Task<JsonObject?> FindAsync(string platform, string key, CancellationToken ct) =>
        Task.FromResult(_refs.TryGetValue((platform, key), out var value) ? (JsonObject?)value.DeepClone() : null);

    public Task DeleteAsync(string platform, string key, CancellationToken ct)
    {
        _refs.TryRemove((platform, key), out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string Key, JsonObject Reference)>> ListAsync(string platform, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(string, JsonObject)>>(_refs.Where(r => r.Key.Item1 == platform).Select(r => (r.Key.Item2, r.Value)).ToList());
}
