using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Notifications;

/// <summary><c>conversation_refs</c> on PostgreSQL; saving an existing (platform, key) replaces its reference.</summary>
public sealed class PostgresConversationReferenceStore(NpgsqlDataSource dataSource) : IConversationReferenceStore
{
    public async Task SaveAsync(string platform, string key, JsonObject reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await using var command = dataSource.CreateCommand(
            """
            insert into conversation_refs (platform, key, reference) values (@platform, @key, @reference)
            on conflict (platform, key) do update set reference = excluded.reference, updated_at = now()
            """);
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.Add(new NpgsqlParameter<string>("reference", NpgsqlDbType.Jsonb) { TypedValue = reference.ToJsonString() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<JsonObject?> FindAsync(string platform, string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select reference::text from conversation_refs where platform = @platform and key = @key");
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(ct) is string json ? JsonNode.Parse(json) as JsonObject : null;
    }

    public async Task DeleteAsync(string platform, string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("delete from conversation_refs where platform = @platform and key = @key");
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<(string Key, JsonObject Reference)>> ListAsync(string platform, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select key, reference::text from conversation_refs where platform = @platform order by key");
        command.Parameters.AddWithValue("platform", platform);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<(string, JsonObject)>();
        while (await reader.ReadAsync(ct))
        {
            if (JsonNode.Parse(reader.GetString(1)) is JsonObject reference) list.Add((reader.GetString(0), reference));
        }
        return list;
    }
}
