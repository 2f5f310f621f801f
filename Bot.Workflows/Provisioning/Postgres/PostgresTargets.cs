using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>One pooled <see cref="NpgsqlDataSource"/> per configured target, created on first use and disposed with the host.</summary>
public sealed class PostgresTargets(IOptions<PostgresTargetsOptions> options) : IAsyncDisposable
{
    private const string ApplicationName = "AccessBot provisioner";
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string target, [NotNullWhen(true)] out NpgsqlDataSource? dataSource)
    {
        dataSource = null;
        if (!options.Value.Targets.TryGetValue(target, out var settings) || string.IsNullOrWhiteSpace(settings.ConnectionString))
            return false;
        dataSource = _sources.GetOrAdd(target, _ => new Lazy<NpgsqlDataSource>(() => Create(settings.ConnectionString))).Value;
        return true;
    }

    private static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Named so a DBA can tell AccessBot's own sessions apart in pg_stat_activity.
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = ApplicationName;
        return NpgsqlDataSource.Create(builder);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Where(s => s.IsValueCreated)) await source.Value.DisposeAsync();
        _sources.Clear();
    }
}
