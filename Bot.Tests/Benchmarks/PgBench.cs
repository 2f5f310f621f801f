using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AccessBot.Benchmarks;

/// <summary>
/// The reference: PostgreSQL's own pgbench, simple-update mode (<c>-N</c>), against the same cluster the engine uses,
/// with the same number of clients. Its TPS is the yardstick the engine's transition rate is compared with. One
/// initialised database serves several rounds, so the rounds can alternate with the engine's.
/// </summary>
internal sealed partial class PgBench : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string _database;

    private PgBench(NpgsqlConnectionStringBuilder server, string database)
    {
        _server = server;
        _database = database;
    }

    /// <summary>Creates and initialises (scale 10) a database of its own on the benchmark's cluster.</summary>
    public static async Task<PgBench> InitAsync(CancellationToken ct)
    {
        var server = new NpgsqlConnectionStringBuilder(BenchDatabase.Server);
        var database = $"accessbot_pgbench_{Guid.NewGuid():N}"[..30];
        await using (var admin = NpgsqlDataSource.Create(BenchDatabase.Server))
        await using (var create = admin.CreateCommand($"create database \"{database}\""))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        var bench = new PgBench(server, database);
        try
        {
            await bench.RunToolAsync($"-i -q -s 10 {bench.Common}", ct);
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>One timed round; returns its TPS (without the initial connection time).</summary>
    public async Task<double> RunAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        var output = await RunToolAsync(
            $"-N -c {clients} -j {Math.Min(clients, Environment.ProcessorCount)} -T {(int)duration.TotalSeconds} {Common}", ct);
        var match = TpsLine().Match(output);
        if (!match.Success) throw new InvalidOperationException($"pgbench printed no tps line:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private string Common => $"-h {_server.Host} -p {_server.Port} -U {_server.Username} {_database}";

    private async Task<string> RunToolAsync(string arguments, CancellationToken ct)
    {
        var bin = Environment.GetEnvironmentVariable("ACCESSBOT_PG_BIN");
        var tool = bin is null ? "pgbench" : Path.Combine(bin, "pgbench");
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (_server.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var text = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench {arguments} failed:\n{text}");
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = NpgsqlDataSource.Create(BenchDatabase.Server);
        await using var drop = admin.CreateCommand($"drop database if exists \"{_database}\" with (force)");
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
