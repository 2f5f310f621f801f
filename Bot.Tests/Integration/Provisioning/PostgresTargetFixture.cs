using System.Security.Cryptography;
using AccessBot.Tests.Fixtures;
using Npgsql;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>
/// A target database of its own on the test cluster, a table <c>t</c> to read, and a non-superuser login for AccessBot with
/// exactly the privileges the README asks operators for (CREATEROLE, pg_signal_backend, pg_read_all_stats). Roles are
/// cluster-wide, so every role a test makes carries <see cref="RunId"/> in its name and all of them are dropped at the end.
/// </summary>
public sealed class PostgresTargetFixture : IAsyncLifetime
{
    public string RunId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public string DatabaseName => $"accessbot_target_{RunId}";

    public string BotLogin => $"abt_{RunId}_bot";

    /// <summary>AccessBot's connection string to the target (as <see cref="BotLogin"/>).</summary>
    public string BotConnectionString { get; private set; } = "";

    /// <summary>Superuser on the target database, for arranging and inspecting.</summary>
    public NpgsqlDataSource Admin { get; private set; } = null!;

    private readonly string _botPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task InitializeAsync()
    {
        await using (var server = NpgsqlDataSource.Create(PostgresFixture.Server))
        {
            await ExecAsync(server, $"create database \"{DatabaseName}\"");
            await ExecFormattedAsync(server, "CREATE ROLE %I LOGIN CREATEROLE PASSWORD %L", BotLogin, _botPassword);
            await ExecFormattedAsync(server, "GRANT pg_signal_backend, pg_read_all_stats TO %I", BotLogin);
        }
        Admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresFixture.Server) { Database = DatabaseName }.ConnectionString);
        await ExecAsync(Admin, "create table t (id int primary key); insert into t values (1)");
        BotConnectionString = ConnectionStringFor(BotLogin, _botPassword);
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(PostgresFixture.Server);
        await ExecAsync(server, $"drop database if exists \"{DatabaseName}\" with (force)");
        await using var find = server.CreateCommand("select rolname from pg_roles where strpos(rolname, $1) > 0");
        find.Parameters.Add(new NpgsqlParameter { Value = RunId });
        var roles = new List<string>();
        await using (var reader = await find.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) roles.Add(reader.GetString(0));
        }
        foreach (var role in roles.OrderBy(r => r == BotLogin)) await ExecFormattedAsync(server, "DROP ROLE IF EXISTS %I", role);
    }

    /// <summary>A unique name carrying the run id.</summary>
    public string Name(string label) => $"abt_{RunId}_{label}";

    /// <summary>A unique email whose login name follows the plain (reversible) form of the naming rule.</summary>
    public string Email(string label) => $"{label}{RunId}@example.com";

    public string ConnectionStringFor(string login, string password) =>
        new NpgsqlConnectionStringBuilder(PostgresFixture.Server)
        {
            Database = DatabaseName, Username = login, Password = password, Pooling = false,
        }.ConnectionString;

    /// <summary>A group role that may read <c>t</c>; any name, quoted by the server.</summary>
    public async Task CreateReaderRoleAsync(string role)
    {
        await ExecFormattedAsync(Admin, "CREATE ROLE %I NOLOGIN", role);
        await ExecFormattedAsync(Admin, "GRANT SELECT ON t TO %I", role);
    }

    /// <summary>A login with a test-only password (AccessBot itself never sets one).</summary>
    public async Task<string> CreateLoginAsync(string login)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await ExecFormattedAsync(Admin, "CREATE ROLE %I LOGIN PASSWORD %L", login, password);
        return password;
    }

    public async Task<string> SetPasswordAsync(string login)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await ExecFormattedAsync(Admin, "ALTER ROLE %I PASSWORD %L", login, password);
        return password;
    }

    public async Task<NpgsqlConnection> ConnectAsync(string login, string password)
    {
        var connection = new NpgsqlConnection(ConnectionStringFor(login, password));
        await connection.OpenAsync();
        return connection;
    }

    public async Task<bool> IsMemberAsync(string role, string member) =>
        await ScalarAsync<bool>(
            """
            select exists (select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member
                           where g.rolname = $1 and r.rolname = $2)
            """, role, member);

    public async Task<bool> TableExistsAsync() => await ScalarAsync<bool>("select to_regclass('public.t') is not null");

    public async Task<bool> RoleExistsAsync(string role) => await ScalarAsync<bool>("select exists (select 1 from pg_roles where rolname = $1)", role);

    public async Task<T> ScalarAsync<T>(string sql, params object[] arguments)
    {
        await using var command = Admin.CreateCommand(sql);
        foreach (var argument in arguments) command.Parameters.Add(new NpgsqlParameter { Value = argument });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<T>(0);
    }

    public Task ExecAsAdminFormattedAsync(string template, params object[] arguments) => ExecFormattedAsync(Admin, template, arguments);

    private static async Task ExecAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    // DDL takes no parameters: the server's format() quotes the names (the same technique the provisioner uses).
    private static async Task ExecFormattedAsync(NpgsqlDataSource source, string template, params object[] arguments)
    {
        var placeholders = string.Join(", ", arguments.Select((_, i) => $"${i + 2}::text"));
        await using var format = source.CreateCommand($"select format($1, {placeholders})");
        format.Parameters.Add(new NpgsqlParameter { Value = template });
        foreach (var argument in arguments) format.Parameters.Add(new NpgsqlParameter { Value = argument });
        var statement = (string)(await format.ExecuteScalarAsync())!;
        await ExecAsync(source, statement);
    }
}
