using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Persistence;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// One transition's transaction. Disposing without <see cref="CommitAsync"/> rolls everything back (state, audit, outbox),
/// which is what a crash does too.
/// </summary>
/// <remarks>
/// Audit records and outbox items are collected during the transition and written by <see cref="CommitAsync"/> in one
/// round trip that ends with COMMIT: the outbox rows, then the audit appends. Appending takes the audit chain's lock, which
/// every transition in the system queues on until its transaction ends, so the lock must not be held across a client
/// round trip or a WAL flush: that COMMIT does not wait for the flush (<c>synchronous_commit = off</c>, for this
/// transaction only), and <see cref="CommitAsync"/> then waits for it outside the lock (see <see cref="DurabilityBarrier"/>).
/// </remarks>
internal sealed class RequestTransaction : IAsyncDisposable
{
    private readonly IAuditLog _audit;
    private readonly PendingRequestCache _pending;
    private readonly List<RequestId> _changed = [];
    private readonly List<AuditRecord> _auditRecords = [];
    private readonly List<OutboxItem> _outboxItems = [];
    // Statements sent ahead of the audit rows in the commit batch: a deferred update, or the locks an insert needs and the
    // insert. The commit returns the insert's row, or the update's when it returns one (at _rowAt). The update or insert
    // is checked by accessbot_expect_change, so a lost race stops the batch.
    private readonly List<NpgsqlBatchCommand> _leading = [];
    private bool _deferred;
    private int? _rowAt;

    private const string ExpectChangeFunction = "accessbot_expect_change";

    private RequestTransaction(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IAuditLog audit, PendingRequestCache pending)
    {
        Connection = connection;
        Transaction = transaction;
        _audit = audit;
        _pending = pending;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<RequestTransaction> BeginAsync(
        NpgsqlDataSource dataSource, IAuditLog audit, PendingRequestCache pending, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new RequestTransaction(connection, transaction, audit, pending);
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
    /// <param name="with">
    /// Constant SQL for a <c>WITH</c> clause whose data-modifying statements run in the same statement as the update (and
    /// roll back with the transaction when the update finds nothing); <paramref name="condition"/> may refer to it.
    /// </param>
    public async Task<bool> TryUpdateAsync(
        RequestRecord expected, string assignments, Action<NpgsqlParameterCollection>? bind, CancellationToken ct,
        string condition = "true", string? with = null)
    {
        await using var command = Command((with is null ? "" : $"with {with} ") + ConditionalUpdate(assignments, condition));
        Bind(command.Parameters, expected, bind);
        _changed.Add(expected.Id);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private static string ConditionalUpdate(string assignments, string condition) =>
        $"update access_requests set {assignments}, version = version + 1 " +
        $"where id = @id and version = @version and state = @expected_state and ({condition})";

    private static void Bind(NpgsqlParameterCollection parameters, RequestRecord expected, Action<NpgsqlParameterCollection>? bind)
    {
        parameters.AddWithValue("id", expected.Id.Value);
        parameters.AddWithValue("version", expected.Version);
        parameters.AddWithValue("expected_state", expected.State.ToDb());
        bind?.Invoke(parameters);
    }

    /// <summary>
    /// <see cref="TryUpdateAsync"/> without a round trip of its own: the update becomes the first statement of the commit
    /// batch, and <see cref="TryCommitAsync"/> (or <see cref="TryCommitAndReloadAsync"/>) reports a lost race. For
    /// transitions where nothing between the update and the commit depends on its outcome or reads the database.
    /// </summary>
    /// <remarks>
    /// The statement counts the rows it changed and <c>accessbot_expect_change</c> raises unless that is one; the error
    /// aborts the transaction on the server, so the audit rows, outbox rows and COMMIT sent after it never run.
    /// </remarks>
    /// <param name="returning">
    /// Null, or constant SQL for more columns of the changed row: the request's own (<see cref="RequestReader.RequestColumns"/>),
    /// as the update left them, then these (which may name a <paramref name="with"/> clause's CTE, joined as a cross join);
    /// <see cref="TryCommitAndReadRowAsync"/> returns them.
    /// </param>
    public void UpdateAtCommit(
        RequestRecord expected, string assignments, Action<NpgsqlParameterCollection>? bind, string condition = "true",
        string? with = null, (string Columns, string From)? returning = null)
    {
        if (_deferred) throw new InvalidOperationException("A transition changes its request once.");
        var update = ConditionalUpdate(assignments, condition);
        var sql = returning is { } more
            ? $"with {(with is null ? "" : $"{with}, ")}changed as ({update} returning {RequestReader.RequestColumns}) " +
              $"select changed.*{more.Columns} from (select {ExpectChangeFunction}(count(*)) from changed) checked " +
              $"left join changed on true{more.From}"
            : $"with {(with is null ? "" : $"{with}, ")}changed as ({update} returning 1) " +
              $"select {ExpectChangeFunction}(count(*)) from changed";
        var change = new NpgsqlBatchCommand(sql);
        Bind(change.Parameters, expected, bind);
        if (returning is not null) _rowAt = _leading.Count;
        _leading.Add(change);
        _deferred = true;
        _changed.Add(expected.Id);
    }

    /// <summary>
    /// An insert sent with the commit instead of in a round trip of its own: <paramref name="before"/> (locks it needs)
    /// and then <paramref name="insert"/>, an <c>INSERT … RETURNING</c> of the row. The insert is wrapped so that a row
    /// it does not insert (its own condition refused it) stops the batch like a lost race;
    /// <see cref="TryCommitAndReadRowAsync"/> returns the row.
    /// </summary>
    /// <param name="insert">Constant SQL written by the engine (never user text), its values bound as parameters.</param>
    public void InsertAtCommit(IEnumerable<NpgsqlBatchCommand> before, NpgsqlBatchCommand insert)
    {
        if (_deferred) throw new InvalidOperationException("A transition changes its request once.");
        _leading.AddRange(before);
        // The left join keeps the count's row first, so the check runs even when the insert returned nothing.
        insert.CommandText =
            $"with inserted as ({insert.CommandText}) " +
            $"select inserted.* from (select {ExpectChangeFunction}(count(*)) from inserted) checked left join inserted on true";
        _rowAt = _leading.Count;
        _leading.Add(insert);
        _deferred = true;
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

    /// <summary>Writes the outbox rows and audit events, commits, and returns once the commit is durable.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await using var batch = CommitBatch();
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary><see cref="CommitAsync"/>, then the request as committed, read in the same round trip.</summary>
    public async Task<RequestRecord> CommitAndReloadAsync(RequestId id, CancellationToken ct)
    {
        await using var batch = CommitBatch();
        batch.BatchCommands.Add(RequestReader.LoadCommand(id));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        // The read is the only statement of the batch with the request's columns; the others return one column or none.
        while (reader.FieldCount != RequestReader.FieldCount)
        {
            if (!await reader.NextResultAsync(ct)) throw new InvalidOperationException("The commit batch returned no request.");
        }
        return await RequestReader.ReadAsync(reader, ct) ?? throw new InvalidOperationException($"Request {id} vanished.");
    }

    /// <summary><see cref="CommitAsync"/>; false, with nothing written, when the <see cref="UpdateAtCommit"/> update lost a race.</summary>
    public async Task<bool> TryCommitAsync(CancellationToken ct)
    {
        try
        {
            await CommitAsync(ct);
            return true;
        }
        catch (PostgresException e) when (IsLostRace(e))
        {
            return false;
        }
    }

    /// <summary><see cref="CommitAndReloadAsync"/>; null, with nothing written, when the <see cref="UpdateAtCommit"/> update lost a race.</summary>
    public async Task<RequestRecord?> TryCommitAndReloadAsync(RequestId id, CancellationToken ct)
    {
        try
        {
            return await CommitAndReloadAsync(id, ct);
        }
        catch (PostgresException e) when (IsLostRace(e))
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="CommitAsync"/>, returning the row of the <see cref="InsertAtCommit"/> insert or of the
    /// <see cref="UpdateAtCommit"/> update that returns one, as <paramref name="map"/> reads it; null, with nothing written,
    /// when the insert inserted nothing or the update lost its race.
    /// </summary>
    public async Task<T?> TryCommitAndReadRowAsync<T>(Func<NpgsqlDataReader, T> map, CancellationToken ct) where T : class
    {
        if (_rowAt is not { } index) throw new InvalidOperationException("No statement sent with the commit returns a row.");
        try
        {
            await using var batch = CommitBatch();
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (var i = 0; i < index; i++) await reader.NextResultAsync(ct);
            var row = await reader.ReadAsync(ct) ? map(reader) : throw new InvalidOperationException("The statement returned no row.");
            // The rest of the batch (audit, COMMIT, durability barrier) has to finish, and any error in it to surface, first.
            while (await reader.NextResultAsync(ct)) { }
            return row;
        }
        catch (PostgresException e) when (IsLostRace(e))
        {
            return null;
        }
    }

    // The function's frame names it, which tells its refusal apart from anything else the batch could raise.
    private bool IsLostRace(PostgresException e) =>
        _deferred && e.SqlState == PostgresErrorCodes.SerializationFailure &&
        e.Where?.Contains(ExpectChangeFunction, StringComparison.Ordinal) == true;

    /// <summary>
    /// One round trip: the deferred update if any, the outbox rows, the audit appends, a COMMIT that does not wait for the
    /// WAL flush, and then the durability barrier, which runs after that COMMIT in an implicit transaction of its own whose
    /// commit waits for the flush. The server answers only after that wait, so the caller never hears of a commit that is
    /// not durable, and the audit chain's lock was released before it.
    /// </summary>
    private NpgsqlBatch CommitBatch()
    {
        // What this process remembers of a request it changes is out of date from here on, whether the commit succeeds or not.
        foreach (var id in _changed) _pending.Forget(id);
        var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var statement in _leading) batch.BatchCommands.Add(statement);
        // The outbox row rides in the request's own statement when there is one: a statement fewer, and the same fate.
        if (_leading.Count == 0 || !OutboxWriter.TryFoldInto(_leading[^1], _outboxItems)) OutboxWriter.AddTo(batch, _outboxItems);
        _audit.AddAppends(batch, _auditRecords, asynchronousCommit: true);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        DurabilityBarrier.AddTo(batch);
        return batch;
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
