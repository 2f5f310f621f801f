using System.ComponentModel.DataAnnotations;

namespace AccessBot.Host.Jobs;

/// <summary>Hangfire server and storage tuning (<c>AccessBot__Hangfire__*</c>). The defaults suit the bot's time-bound jobs.</summary>
public sealed class HangfireOptions
{
    public const string Section = "AccessBot:Hangfire";

    /// <summary>Jobs run at once by this replica. Each worker is a thread; the bot's jobs are short.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 5;

    /// <summary>How often due scheduled jobs (expiry, reminders, escalations) are moved to the queue: 1 s keeps an expiry within 5 s of its time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often idle workers look for a job enqueued by another replica (same-replica enqueues wake them at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A fetched job whose worker stops renewing it (the replica died) becomes visible to other replicas after this
    /// long. Running jobs renew it every fifth of it (sliding invisibility), so it bounds recovery, not job length.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often this replica's server reports it is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A server silent for this long is considered dead: removed from the list, and <c>/healthz</c> stops counting it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A Hangfire lock left by a killed replica is broken after this long (Hangfire.PostgreSql's default is 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
