using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request break-glass</c>: emergency access where the policy allows it; the id is the last line printed.</summary>
internal sealed class RequestBreakGlassVerb : ICliVerb
{
    public string Name => "request break-glass";

    public string Usage => "--as EMAIL --resource R --duration D --reason TEXT";

    public string Summary => "Emergency access without approval (loudly announced, review opened).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as", "resource", "duration", "reason") || !RequestVerbSupport.TryNoPositionals(args, context)
            || !args.TryRequire("resource", out var resource, context.Error)
            || !RequestVerbSupport.TryDuration(args, "duration", required: true, context, out var duration)
            || !args.TryRequire("reason", out var reason, context.Error))
            return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().BreakGlassAsync(
            new SubmitRequest(actor, resource, duration, reason, RequestVerbSupport.Origin), ct);
        return RequestVerbSupport.Print(outcome, context);
    }
}
