using Npgsql;

namespace AccessBot.Tests.Integration.Audit;

public sealed class AuditTriggerTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>, IAsyncLifetime
{
    private readonly NpgsqlDataSource _db = database.DataSource;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        await AuditTestLog.SeedAsync(_db, 3);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("update audit_events set actor = 'mallory@example.com' where seq = 2", "UPDATE")]
    [InlineData("delete from audit_events where seq = 2", "DELETE")]
    [InlineData("truncate audit_events", "TRUNCATE")]
    [InlineData("set session_replication_role = replica; delete from audit_events where seq = 3", "DELETE")]
    public async Task Changing_or_removing_events_is_refused_by_the_database(string sql, string operation)
    {
        await using var command = _db.CreateCommand(sql);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal($"audit_events is append-only: {operation} is refused", error.MessageText);
        Assert.Equal(3, await AuditTestLog.ScalarAsync(_db, "select count(*) from audit_events"));
    }

    [Fact]
    public async Task An_insert_that_does_not_extend_the_chain_is_refused()
    {
        await using var command = _db.CreateCommand(
            "insert into audit_events (seq, at, actor, platform, action, prev_hash, hash) " +
            "values (4, now(), 'mallory', 'cli', 'request.approved', sha256('x'), sha256('y'))");

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, error.SqlState);
        Assert.Equal(3, await AuditTestLog.ScalarAsync(_db, "select count(*) from audit_events"));
    }

    [Theory]
    [InlineData("4, sha256('x'), '\\x00'::bytea", "sha256_digest")]
    [InlineData("4, '\\x0102'::bytea, sha256('y')", "sha256_digest")]
    [InlineData("0, sha256('x'), sha256('y')", "audit_seq")]
    public async Task A_hash_that_is_not_32_bytes_or_a_sequence_number_below_one_is_refused(string values, string domain)
    {
        await using var command = _db.CreateCommand(
            "insert into audit_events (seq, at, actor, platform, action, prev_hash, hash) " +
            $"select s, now(), 'mallory', 'cli', 'request.approved', p, h from (values ({values})) v(s, p, h)");

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal((PostgresErrorCodes.CheckViolation, domain), (error.SqlState, error.DataTypeName));
        Assert.Equal(3, await AuditTestLog.ScalarAsync(_db, "select count(*) from audit_events"));
    }
}
