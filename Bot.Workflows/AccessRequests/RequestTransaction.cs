using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Outbox;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// One transition's transaction. Disposing without <see cref="CommitAsync"/> rolls everything back (state, audit, outbox),
/// which is what a crash does too.
/// </summary>
/// <remarks>
/// Audit records and outbox items are collected during the transition and written by <see cref="CommitAsync"/>: the outbox
/// rows in one batch, then the audit events as the last statements before COMMIT. Appending takes the audit chain's lock,
/// which every transition in the system queues on until it commits, so it must cover as little work as possible.
/// </remarks>
internal sealed class RequestTransaction : IAsyncDisposable
{
    private readonly IAuditLog _audit;
    private readonly OutboxWriter _outbox;
    private readonly List<AuditRecord> _auditRecords = [];
    private readonly List<OutboxItem> _outboxItems = [];

    private RequestTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IAuditLog audit, OutboxWriter outbox)
    {
        Connection = connection;
        Transaction = transaction;
        _audit = audit;
        _outbox = outbox;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<RequestTransaction> BeginAsync(
        NpgsqlDataSource dataSource, IAuditLog audit, OutboxWriter outbox, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new RequestTransaction(connection, transaction, audit, outbox);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// The optimistic-concurrency step: <c>update access_requests set ASSIGNMENTS, version = version + 1 where id = @id and
    /// version = @version and state = @state</c>. False when someone else changed the request since it was read.
    /// </summary>
    /// <param name="assignments">Constant SQL written by the engine (never user text); values are bound by <paramref name="bind"/>.</param>
    /// <param name="condition">An extra constant SQL condition decided by the database (e.g. <c>expires_at &lt;= now()</c>).</param>
    public async Task<bool> TryUpdateAsync(
        RequestRecord expected, string assignments, Action<NpgsqlParameterCollection>? bind, CancellationToken ct, string condition = "true")
    {
        await using var command = Command(
            $"update access_requests set {assignments}, version = version + 1 " +
            $"where id = @id and version = @version and state = @expected_state and ({condition})");
        command.Parameters.AddWithValue("id", expected.Id.Value);
        command.Parameters.AddWithValue("version", expected.Version);
        command.Parameters.AddWithValue("expected_state", expected.State.ToDb());
        bind?.Invoke(command.Parameters);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Row-locks another request before the audit append: the audit log's chain lock is always taken last, so two
    /// transitions never wait on each other in opposite orders.
    /// </summary>
    public async Task LockRequestAsync(RequestId id, CancellationToken ct)
    {
        await using var command = Command("select 1 from access_requests where id = @id for update");
        command.Parameters.AddWithValue("id", id.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<RequestRecord?> ReloadAsync(RequestId id, CancellationToken ct) => RequestReader.LoadAsync(Connection, Transaction, id, ct);

    /// <summary>Records an audit event; it is appended at commit, so it exists if and only if the transition commits.</summary>
    public void Audit(AuditRecord record) => _auditRecords.Add(record);

    /// <summary>Records follow-up work; written at commit in the same transaction.</summary>
    public void Enqueue(OutboxItem item) => _outboxItems.Add(item);

    public async Task CommitAsync(CancellationToken ct)
    {
        await _outbox.WriteManyAsync(Transaction, _outboxItems, ct);
        foreach (var record in _auditRecords) await _audit.AppendAsync(Transaction, record, ct);
        await Transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
