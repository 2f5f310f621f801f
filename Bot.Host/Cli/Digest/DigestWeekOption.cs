using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Policy;

namespace AccessBot.Host.Cli.Digest;

/// <summary>The <c>--week</c> option shared by the digest verbs: an ISO week, or the last complete week when absent.</summary>
internal static class DigestWeekOption
{
    public static bool TryRead(CliArguments args, AccessPolicy policy, TimeProvider time, TextWriter error, out IsoWeek week)
    {
        week = default;
        if (!args.Has("week"))
        {
            week = DigestComposer.LastCompleteWeek(policy, time.GetUtcNow());
            return true;
        }
        if (IsoWeek.TryParse(args.Option("week"), out var parsed))
        {
            week = parsed.Value;
            return true;
        }
        error.WriteLine("error: --week must be an ISO week such as 2026-W47");
        return false;
    }
}
