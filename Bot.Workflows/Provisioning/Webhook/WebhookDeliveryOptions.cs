using System.ComponentModel.DataAnnotations;

namespace AccessBot.Workflows.Provisioning.Webhook;

/// <summary>
/// Retries inside one webhook call (section <c>AccessBot:WebhookDelivery</c>). After <see cref="MaxAttempts"/> the call
/// returns a transient failure and the job retries later. Waits double from <see cref="RetryBaseDelay"/>.
/// </summary>
public sealed class WebhookDeliveryOptions
{
    public const string Section = "AccessBot:WebhookDelivery";

    /// <summary>The named <see cref="System.Net.Http.HttpClient"/> the provisioner uses.</summary>
    public const string HttpClientName = "AccessBot.Webhook";

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest <c>check_url</c> answer read, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxCheckResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest <c>Retry-After</c> honoured inside one call; a longer one is left to the job's own retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/> (2, 3, …): <see cref="RetryBaseDelay"/> doubled per attempt, or
    /// the endpoint's <c>Retry-After</c> when that is longer (capped at <see cref="MaxRetryAfter"/>).
    /// </summary>
    public TimeSpan DelayBefore(int nextAttempt, TimeSpan? retryAfter = null)
    {
        var backOff = RetryBaseDelay * Math.Pow(2, nextAttempt - 2);
        return retryAfter is { } asked && asked > backOff ? (asked < MaxRetryAfter ? asked : MaxRetryAfter) : backOff;
    }
}
