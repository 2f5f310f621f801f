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
    public async Task After_the_barrier_the_wal_is_flushed_past_an_asynchronous_commit()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using (var table = new NpgsqlCommand("create table if not exists barrier_probe (id bigint generated always as identity, at timestamptz)", connection))
        {
            await table.ExecuteNonQueryAsync();
        }

        NpgsqlLogSequenceNumber committedUpTo;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("insert into barrier_probe (at) values (clock_timestamp())"),
                    new NpgsqlBatchCommand("set local synchronous_commit to off"),
                    new NpgsqlBatchCommand("commit"),
                },
            };
            await batch.ExecuteNonQueryAsync();
        }
        await using (var insertLsn = new NpgsqlCommand("select pg_current_wal_insert_lsn()", connection))
        {
            committedUpTo = (NpgsqlLogSequenceNumber)(await insertLsn.ExecuteScalarAsync())!;
        }

        await DurabilityBarrier.WaitAsync(connection, CancellationToken.None);

        await using var flushed = new NpgsqlCommand("select pg_current_wal_flush_lsn()", connection);
        Assert.True((NpgsqlLogSequenceNumber)(await flushed.ExecuteScalarAsync())! >= committedUpTo);
    }
}
