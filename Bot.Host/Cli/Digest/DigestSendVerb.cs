using System.Globalization;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Policy;

namespace AccessBot.Host.Cli.Digest;

/// <summary>Posts a week's digest now. A week already posted to a platform is not posted there again.</summary>
public sealed class DigestSendVerb : ICliVerb
{
    public string Name => "digest send";

    public string Usage => "[--week 2026-W47]";

    public string Summary => "Post the weekly digest to the digest channel now (once per week and platform).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (!args.EnsureOnly(context.Error, "week") || args.Positionals.Count > 0) return ExitCodes.Usage;
        var policy = context.Services.GetRequiredService<IPolicyProvider>().Current;
        var time = context.Services.GetRequiredService<TimeProvider>();
        if (!DigestWeekOption.TryRead(args, policy, time, context.Error, out var week)) return ExitCodes.Usage;

        var deliveries = await context.Services.GetRequiredService<DigestSender>().SendAsync(week, policy, ct);
        if (deliveries.Count == 0)
        {
            await context.Error.WriteLineAsync($"error: no configured chat platform has an address for channel '{policy.Digest.Channel}'");
            return ExitCodes.Refused;
        }
        foreach (var d in deliveries)
        {
            var when = d.DeliveredAt.ToString("u", CultureInfo.InvariantCulture);
            await context.Out.WriteLineAsync(d.Posted
                ? $"{week}: posted to channel '{d.Channel}' on {d.Platform}"
                : $"{week}: already posted to channel '{d.Channel}' on {d.Platform} at {when}; not posted again");
        }
        return ExitCodes.Success;
    }
}
