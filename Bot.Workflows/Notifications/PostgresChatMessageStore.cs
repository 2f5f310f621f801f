using AccessBot.Workflows.AccessRequests;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Notifications;

/// <summary><c>chat_messages</c> on PostgreSQL; recording the same (platform, channel, message id) twice updates it.</summary>
public sealed class PostgresChatMessageStore(NpgsqlDataSource dataSource) : IChatMessageStore
{
    public async Task RecordAsync(PostedMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var command = dataSource.CreateCommand(
            """
            insert into chat_messages (request_id, platform, channel, message_id, permalink, purpose)
            values (@request_id, @platform, @channel, @message_id, @permalink, @purpose)
            on conflict (platform, channel, message_id) do update
                set permalink = coalesce(excluded.permalink, chat_messages.permalink), updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<long?>("request_id", NpgsqlDbType.Bigint) { TypedValue = message.RequestId?.Value });
        command.Parameters.AddWithValue("platform", message.Platform);
        command.Parameters.AddWithValue("channel", message.Channel);
        command.Parameters.AddWithValue("message_id", message.MessageId);
        command.Parameters.Add(new NpgsqlParameter<string?>("permalink", NpgsqlDbType.Text) { TypedValue = message.Permalink });
        command.Parameters.AddWithValue("purpose", message.Purpose);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<PostedMessage>> ForRequestAsync(RequestId requestId, string platform, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select request_id, platform, channel, message_id, permalink, purpose from chat_messages " +
            "where request_id = @request_id and platform = @platform order by id");
        command.Parameters.AddWithValue("request_id", requestId.Value);
        command.Parameters.AddWithValue("platform", platform);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<PostedMessage>();
        while (await reader.ReadAsync(ct)) list.Add(Map(reader));
        return list;
    }

    public async Task<PostedMessage?> FindAsync(string platform, string channel, string messageId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select request_id, platform, channel, message_id, permalink, purpose from chat_messages " +
            "where platform = @platform and channel = @channel and message_id = @message_id");
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("message_id", messageId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Map(reader) : null;
    }

    private static PostedMessage Map(NpgsqlDataReader r) => new(
        r.IsDBNull(0) ? null : new RequestId(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5));
}
