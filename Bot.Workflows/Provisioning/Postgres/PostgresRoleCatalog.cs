using Npgsql;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>A login role as pg_roles shows it.</summary>
internal sealed record PostgresLogin(bool CanLogin, DateTimeOffset? ValidUntil);

/// <summary>A direct member of a role, with the comment on the member role (where AccessBot records the principal's email).</summary>
internal sealed record PostgresRoleMember(string Name, string? Comment);

/// <summary>
/// The catalog reads and the DDL the provisioner runs. Every name and value reaches SQL as a bind parameter; DDL, which
/// cannot take parameters, is built by the server's own <c>format()</c> with <c>%I</c> (quote_ident) and <c>%L</c>
/// (quote_literal) and only then executed, so no text from a policy or a profile is ever concatenated into SQL.
/// </summary>
internal static class PostgresRoleCatalog
{
    public const string CommentPrefix = "accessbot:principal=";

    /// <summary>
    /// Serialises grants and revokes of one login on one target until the transaction ends: two jobs for the same person
    /// would otherwise race on CREATE ROLE or fail with "tuple concurrently updated" on ALTER ROLE.
    /// </summary>
    public static async Task LockLoginAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string login, CancellationToken ct)
    {
        await using var command = Command(connection, tx, "select pg_advisory_xact_lock(hashtextextended($1, 0))", "accessbot:login:" + login);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> RoleExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string role, CancellationToken ct) =>
        await ScalarAsync<bool>(connection, tx, "select exists (select 1 from pg_roles where rolname = $1)", ct, role);

    public static async Task<PostgresLogin?> FindLoginAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string login, CancellationToken ct)
    {
        await using var command = Command(connection, tx, "select rolcanlogin, rolvaliduntil from pg_roles where rolname = $1", login);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new PostgresLogin(reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public static async Task<bool> IsMemberAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string role, string login, CancellationToken ct) =>
        await ScalarAsync<bool>(connection, tx,
            """
            select exists (
              select 1 from pg_auth_members m
              join pg_roles g on g.oid = m.roleid
              join pg_roles r on r.oid = m.member
              where g.rolname = $1 and r.rolname = $2)
            """, ct, role, login);

    public static async Task<long> CountMembershipsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string login, CancellationToken ct) =>
        await ScalarAsync<long>(connection, tx,
            "select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member where r.rolname = $1", ct, login);

    public static async Task<IReadOnlyList<PostgresRoleMember>> ListMembersAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        await using var command = Command(connection, null,
            """
            select r.rolname, shobj_description(r.oid, 'pg_authid')
            from pg_auth_members m
            join pg_roles g on g.oid = m.roleid
            join pg_roles r on r.oid = m.member
            where g.rolname = $1
            order by r.rolname
            """, role);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var members = new List<PostgresRoleMember>();
        while (await reader.ReadAsync(ct)) members.Add(new PostgresRoleMember(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return members;
    }

    /// <summary>Has the server format <paramref name="template"/> with the arguments, then runs the resulting statement.</summary>
    public static async Task ExecuteFormattedAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string template, CancellationToken ct, params object[] arguments)
    {
        var placeholders = string.Join(", ", arguments.Select((a, i) => a is DateTimeOffset ? $"${i + 2}::timestamptz" : $"${i + 2}::text"));
        var statement = await ScalarAsync<string>(connection, tx, $"select format($1, {placeholders})", ct, [template, .. arguments]);
        await using var command = new NpgsqlCommand(statement, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Terminates this login's sessions on the target database that started before <paramref name="before"/> and waits
    /// for each to end. Sessions whose start is hidden (no pg_read_all_stats) are terminated too.
    /// </summary>
    public static async Task<long> TerminateSessionsAsync(NpgsqlConnection connection, string login, DateTimeOffset before, CancellationToken ct) =>
        await ScalarAsync<long>(connection, null,
            """
            select count(*) filter (where pg_terminate_backend(pid, 5000))
            from pg_stat_activity
            where usename = $1 and datname = current_database() and pid <> pg_backend_pid()
              and (backend_start is null or backend_start < $2)
            """, ct, login, before);

    public static async Task<long> CountSessionsAsync(NpgsqlConnection connection, string login, DateTimeOffset before, CancellationToken ct) =>
        await ScalarAsync<long>(connection, null,
            """
            select count(*) from pg_stat_activity
            where usename = $1 and datname = current_database() and pid <> pg_backend_pid()
              and (backend_start is null or backend_start < $2)
            """, ct, login, before);

    public static async Task<DateTimeOffset> ClockAsync(NpgsqlConnection connection, CancellationToken ct) =>
        await ScalarAsync<DateTimeOffset>(connection, null, "select clock_timestamp()", ct);

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object[] arguments)
    {
        await using var command = Command(connection, tx, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0)) throw new InvalidOperationException("A catalog query returned no value.");
        return reader.GetFieldValue<T>(0);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object[] arguments)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var argument in arguments)
            command.Parameters.Add(new NpgsqlParameter { Value = argument is DateTimeOffset d ? d.ToUniversalTime() : argument });
        return command;
    }
}
