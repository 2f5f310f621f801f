using Npgsql;

namespace AccessBot.Workflows.Persistence;

/// <summary>
/// Waits until everything this session has committed is flushed to the WAL on disk, after a commit that did not wait
/// (<c>synchronous_commit = off</c>).
/// </summary>
/// <remarks>
/// The barrier is a transaction that writes one WAL record (a transactional logical-decoding message, which touches no
/// table and needs no privilege) and commits with the default <c>synchronous_commit = on</c>: its COMMIT waits until the
/// WAL is flushed up to its own commit record, which lies after every earlier commit record. A transaction that only
/// takes a transaction id is not enough: PostgreSQL commits one that wrote no WAL without waiting for the flush.
/// Concurrent barriers share one flush (group commit), and no lock is held while they wait. Because the WAL is replayed
/// in order, a crash before the flush loses the unflushed transaction together with everything that read its results,
/// so the audit chain never ends up linking to a row that was lost.
/// </remarks>
public static class DurabilityBarrier
{
    private const string Sql = "select pg_logical_emit_message(true, 'accessbot.durability', '')";

    /// <summary>
    /// Adds the barrier to a batch, after its COMMIT when it has one: with one Sync at the end of the batch, statements
    /// after an explicit COMMIT run in an implicit transaction that commits (and so waits for the flush) before the server
    /// answers. On its own in a batch it waits for everything the session committed before.
    /// </summary>
    public static void AddTo(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql));
    }
}
