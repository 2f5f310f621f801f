using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>A transition commits without waiting for the WAL flush (so the audit chain lock is short) and then waits for it.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class DurabilityBarrierTests(PostgresFixture db)
{
    [Fact]
    public async Task A_barrier_in_a_later_round_trip_returns_once_the_wal_is_flushed_past_an_asynchronous_commit()
    {
        await using var connection = await OpenWithProbeTableAsync();
        NpgsqlLogSequenceNumber committedUpTo;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = AsynchronousCommit(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_current_wal_insert_lsn()"));
            committedUpTo = (NpgsqlLogSequenceNumber)(await batch.ExecuteScalarAsync())!;
        }

        await using (var barrier = new NpgsqlBatch(connection))
        {
            DurabilityBarrier.AddTo(barrier);
            await barrier.ExecuteNonQueryAsync();
        }

        Assert.True(await FlushedUpToAsync(connection) >= committedUpTo);
    }

    [Fact]
    public async Task A_barrier_sent_after_the_commit_in_the_same_batch_answers_only_once_the_wal_is_flushed()
    {
        await using var connection = await OpenWithProbeTableAsync();
        NpgsqlLogSequenceNumber committedUpTo;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = AsynchronousCommit(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_current_wal_insert_lsn()"));
            DurabilityBarrier.AddTo(batch);
            await using var reader = await batch.ExecuteReaderAsync();
            while (reader.FieldCount != 1 || reader.GetDataTypeName(0) != "pg_lsn") Assert.True(await reader.NextResultAsync());
            await reader.ReadAsync();
            committedUpTo = reader.GetFieldValue<NpgsqlLogSequenceNumber>(0);
        }

        Assert.True(await FlushedUpToAsync(connection) >= committedUpTo);
    }

    private async Task<NpgsqlConnection> OpenWithProbeTableAsync()
    {
        var connection = await db.DataSource.OpenConnectionAsync();
        await using var table = new NpgsqlCommand(
            "create table if not exists barrier_probe (id bigint generated always as identity, at timestamptz)", connection);
        await table.ExecuteNonQueryAsync();
        return connection;
    }

    private static NpgsqlBatch AsynchronousCommit(NpgsqlConnection connection, NpgsqlTransaction transaction) => new(connection, transaction)
    {
        BatchCommands =
        {
            new NpgsqlBatchCommand("insert into barrier_probe (at) values (clock_timestamp())"),
            new NpgsqlBatchCommand("set local synchronous_commit to off"),
            new NpgsqlBatchCommand("commit"),
        },
    };

    private static async Task<NpgsqlLogSequenceNumber> FlushedUpToAsync(NpgsqlConnection connection)
    {
        await using var flushed = new NpgsqlCommand("select pg_current_wal_flush_lsn()", connection);
        return (NpgsqlLogSequenceNumber)(await flushed.ExecuteScalarAsync())!;
    }
}
