using Hangfire.PostgreSql;
using Npgsql;

namespace AccessBot.Host.Jobs;

/// <summary>Hands Hangfire connections from the process's one data source: one pool, one place for the credentials.</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
