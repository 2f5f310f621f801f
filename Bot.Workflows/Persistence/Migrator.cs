using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace AccessBot.Workflows.Persistence;

/// <summary>
/// Applies the embedded <c>Migrations/*.sql</c> files in name order, each in its own transaction, under a PostgreSQL
/// advisory lock so several host replicas can start at once. An applied file whose text changed stops start-up.
/// </summary>
public static class Migrator
{
    // Arbitrary constant shared by every replica: "AccessBt" as ASCII.
    private const long LockKey = 0x4163636573734274;

    public static IReadOnlyList<(string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Returns the names of the scripts applied by this call (empty when the schema was current).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        try
        {
            await using (var create = new NpgsqlCommand(
                """
                create table if not exists schema_migrations (
                    name       text primary key,
                    checksum   text not null,
                    applied_at timestamptz not null default now())
                """, connection))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("select name, checksum from schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) applied[reader.GetString(0)] = reader.GetString(1);
            }

            var ran = new List<string>();
            foreach (var (name, sql) in Scripts)
            {
                var checksum = Checksum(sql);
                if (applied.TryGetValue(name, out var existing))
                {
                    if (existing != checksum)
                        throw new InvalidOperationException(
                            $"Migration {name} was changed after it was applied (checksum {existing} in the database, {checksum} now). " +
                            "Add a new migration instead of editing an applied one.");
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using (var apply = new NpgsqlCommand(sql, connection, transaction))
                {
                    await apply.ExecuteNonQueryAsync(ct);
                }
                await using (var record = new NpgsqlCommand(
                    "insert into schema_migrations (name, checksum) values (@name, @checksum)", connection, transaction))
                {
                    record.Parameters.AddWithValue("name", name);
                    record.Parameters.AddWithValue("checksum", checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                ran.Add(name);
            }
            return ran;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static string Checksum(string sql) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));

    private static List<(string, string)> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^".sql".Length], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
