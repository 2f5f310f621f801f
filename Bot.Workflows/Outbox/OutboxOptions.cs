using System.ComponentModel.DataAnnotations;

namespace AccessBot.Workflows.Outbox;

/// <summary>Settings of the outbox dispatcher (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Backstop poll when no NOTIFY arrives (a missed notification, another replica's commit).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows claimed per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
