using System.Diagnostics;
using Npgsql;

namespace AccessBot.Benchmarks;

/// <summary>Calibration: what one pooled open + <c>select 1</c> + close costs from .NET on this machine.</summary>
internal static class RoundTrip
{
    public static async Task<TimeSpan> MeasureAsync(NpgsqlDataSource dataSource, int count, CancellationToken ct)
    {
        for (var i = 0; i < 200; i++) await OnceAsync(dataSource, ct);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await OnceAsync(dataSource, ct);
        return stopwatch.Elapsed / count;
    }

    private static async Task OnceAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select 1", connection);
        await command.ExecuteScalarAsync(ct);
    }
}
