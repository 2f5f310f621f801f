using System.Threading.Channels;
using AccessBot.Workflows.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// Writes <see cref="PolicyAuditRecords"/> to the audit log, in order. Reloads happen on the watcher's thread and must
/// not wait for the database, so records are queued and appended here, retried with back-off while the database is away.
/// </summary>
internal sealed class PolicyAuditTrail : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(1);

    private readonly Channel<AuditRecord> _queue = Channel.CreateUnbounded<AuditRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FilePolicyProvider _provider;
    private readonly IAuditLog _audit;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyAuditTrail> _logger;

    public PolicyAuditTrail(FilePolicyProvider provider, IAuditLog audit, NpgsqlDataSource dataSource, TimeProvider time, ILogger<PolicyAuditTrail> logger)
    {
        _provider = provider;
        _audit = audit;
        _dataSource = dataSource;
        _time = time;
        _logger = logger;
        _queue.Writer.TryWrite(PolicyAuditRecords.ForStartup(provider.Current));
        provider.Reloaded += OnReloaded;
    }

    /// <summary>Raised after each record is in the audit log, with its sequence number (tests wait on it).</summary>
    internal event Action<AuditRecord, long>? Appended;

    public override void Dispose()
    {
        _provider.Reloaded -= OnReloaded;
        _queue.Writer.TryComplete();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var record in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var seq = await AppendWithRetryAsync(record, stoppingToken);
            Appended?.Invoke(record, seq);
        }
    }

    private void OnReloaded(object? sender, PolicyReloadResult result)
    {
        if (PolicyAuditRecords.For(result) is { } record) _queue.Writer.TryWrite(record);
    }

    private async Task<long> AppendWithRetryAsync(AuditRecord record, CancellationToken ct)
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                return await _audit.AppendAsync(_dataSource, record, ct);
            }
            catch (Exception e) when ((e is NpgsqlException or TimeoutException) && !ct.IsCancellationRequested)
            {
                Log.PolicyAuditRetry(_logger, record.Action, delay, e);
                await Task.Delay(delay, _time, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
            }
        }
    }
}
