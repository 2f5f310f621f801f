using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Policy;

namespace AccessBot.Host.Cli.Digest;

/// <summary>Prints a week's digest exactly as each platform would receive it, plus a plain variant; posts nothing.</summary>
public sealed class DigestPreviewVerb : ICliVerb
{
    public string Name => "digest preview";

    public string Usage => "[--week 2026-W47]";

    public string Summary => "Print the weekly digest as it would be posted (plain and per platform), without posting it.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (!args.EnsureOnly(context.Error, "week") || args.Positionals.Count > 0) return ExitCodes.Usage;
        var policy = context.Services.GetRequiredService<IPolicyProvider>().Current;
        var time = context.Services.GetRequiredService<TimeProvider>();
        if (!DigestWeekOption.TryRead(args, policy, time, context.Error, out var week)) return ExitCodes.Usage;

        var composer = context.Services.GetRequiredService<DigestComposer>();
        var digest = await composer.BuildAsync(week, policy, ct);
        await WriteSectionAsync(context.Out, $"{week} · plain", composer.Render(digest, DigestMarkup.Plain()));
        var targets = composer.TargetsFor(policy);
        foreach (var notifier in targets)
        {
            var title = $"{week} · {notifier.Platform} · as posted to channel '{policy.Digest.Channel}'";
            var messages = composer.RenderMessages(digest, composer.MarkupFor(notifier.Platform));
            for (var i = 0; i < messages.Count; i++)
            {
                var heading = messages.Count == 1 ? title : $"{title} · message {i + 1}/{messages.Count}";
                await WriteSectionAsync(context.Out, heading, messages[i]);
            }
        }
        if (targets.Count == 0)
        {
            await context.Out.WriteLineAsync(
                $"(no configured chat platform has an address for channel '{policy.Digest.Channel}': nothing would be posted)");
        }
        return ExitCodes.Success;
    }

    private static async Task WriteSectionAsync(TextWriter output, string title, string text)
    {
        await output.WriteLineAsync($"──── {title} ────");
        await output.WriteAsync(text);
        await output.WriteLineAsync();
    }
}
