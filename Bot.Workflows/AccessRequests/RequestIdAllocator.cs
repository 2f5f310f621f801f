using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// Hands out request ids before the insert, so that a submission can send the request, its audit event and its outbox
/// rows (which all name the id) in one round trip.
/// </summary>
/// <remarks>
/// The ids come from the table's own identity sequence, in blocks: the first block holds one id, each next one twice as
/// many, up to <see cref="MaxBlock"/>. So a short-lived process (a command-line submission) takes just the id it uses,
/// and a busy host asks the database once per <see cref="MaxBlock"/> submissions. Ids stay unique; the ones a process
/// drew and did not use before it stopped are skipped, as with a sequence's own cache. Within a process they rise in
/// the order they are handed out; between processes they interleave by block.
/// </remarks>
internal sealed class RequestIdAllocator(NpgsqlDataSource dataSource)
{
    public const int MaxBlock = 32;

    private const string DrawSql = "select nextval(pg_get_serial_sequence('access_requests', 'id')) from generate_series(1, $1)";

    private readonly Lock _gate = new();
    private readonly Queue<long> _ids = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private int _nextBlock = 1;

    public async ValueTask<RequestId> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_ids.TryDequeue(out var id)) return new RequestId(id);
            }
            await _refill.WaitAsync(ct);
            try
            {
                // Another caller may have refilled while this one waited.
                bool empty;
                lock (_gate) empty = _ids.Count == 0;
                if (empty) await DrawAsync(ct);
            }
            finally
            {
                _refill.Release();
            }
        }
    }

    private async Task DrawAsync(CancellationToken ct)
    {
        var size = _nextBlock;
        await using var command = dataSource.CreateCommand(DrawSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var drawn = new List<long>(size);
        while (await reader.ReadAsync(ct)) drawn.Add(reader.GetInt64(0));
        drawn.Sort();
        lock (_gate)
        {
            foreach (var id in drawn) _ids.Enqueue(id);
        }
        _nextBlock = Math.Min(MaxBlock, size * 2);
    }
}
