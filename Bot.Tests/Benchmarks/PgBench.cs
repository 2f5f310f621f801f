using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AccessBot.Benchmarks;

/// <summary>
/// The reference: PostgreSQL's own pgbench, simple-update mode (<c>-N</c>), against the same cluster the engine uses,
/// with the same number of clients. Its TPS is the yardstick the engine's transition rate is compared with.
/// </summary>
internal static partial class PgBench
{
    public static async Task<double> RunAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        var server = new NpgsqlConnectionStringBuilder(BenchDatabase.Server);
        var database = $"accessbot_pgbench_{Guid.NewGuid():N}"[..30];
        await using (var admin = NpgsqlDataSource.Create(BenchDatabase.Server))
        await using (var create = admin.CreateCommand($"create database \"{database}\""))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var common = $"-h {server.Host} -p {server.Port} -U {server.Username}";
            await RunToolAsync($"-i -q -s 10 {common} {database}", server.Password, ct);
            var output = await RunToolAsync(
                $"-N -c {clients} -j {Math.Min(clients, Environment.ProcessorCount)} -T {(int)duration.TotalSeconds} {common} {database}",
                server.Password, ct);
            var match = TpsLine().Match(output);
            if (!match.Success) throw new InvalidOperationException($"pgbench printed no tps line:\n{output}");
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            await using var admin = NpgsqlDataSource.Create(BenchDatabase.Server);
            await using var drop = admin.CreateCommand($"drop database if exists \"{database}\" with (force)");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<string> RunToolAsync(string arguments, string? password, CancellationToken ct)
    {
        var bin = Environment.GetEnvironmentVariable("ACCESSBOT_PG_BIN");
        var tool = bin is null ? "pgbench" : Path.Combine(bin, "pgbench");
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (password is not null) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var text = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench {arguments} failed:\n{text}");
        return text;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
