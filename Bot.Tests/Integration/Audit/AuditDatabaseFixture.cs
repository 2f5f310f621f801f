using AccessBot.Tests.Fixtures;
using Npgsql;

namespace AccessBot.Tests.Integration.Audit;

/// <summary>
/// A migrated database of its own for one audit test class (tampering must never reach other tests' data). Tests in a
/// class run one after another and start from an empty log with <see cref="ResetAsync"/>; one database per class
/// instead of per test keeps the suite fast on a busy server.
/// </summary>
public sealed class AuditDatabaseFixture : IAsyncLifetime
{
    private readonly PostgresFixture _database = new();

    public NpgsqlDataSource DataSource => _database.DataSource;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>Empties the log (bypassing its triggers) so the next test starts from seq 1.</summary>
    public async Task<NpgsqlDataSource> ResetAsync()
    {
        await AuditTestLog.TamperAsync(DataSource, "delete from audit_events");
        return DataSource;
    }
}
