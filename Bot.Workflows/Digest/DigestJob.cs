using AccessBot.Workflows.Policy;
using Hangfire;

namespace AccessBot.Workflows.Digest;

/// <summary>The recurring job: posts the last complete week's digest. Safe to run twice (deliveries are idempotent).</summary>
public sealed class DigestJob(DigestSender sender, IPolicyProvider policies, TimeProvider time)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(CancellationToken ct)
    {
        var policy = policies.Current;
        await sender.SendAsync(DigestComposer.LastCompleteWeek(policy, time.GetUtcNow()), policy, ct);
    }
}

/// <summary>Registers the digest's recurring job with the policy's cron expression and time zone.</summary>
public static class DigestJobs
{
    public const string RecurringJobId = "weekly-digest";

    /// <summary>Adds or updates the job; call again after a policy reload so a changed schedule takes effect.</summary>
    public static void Register(IRecurringJobManager manager, AccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(policy);
        manager.AddOrUpdate<DigestJob>(
            RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            policy.Digest.Cron,
            new RecurringJobOptions { TimeZone = DigestComposer.ZoneOf(policy) });
    }
}
