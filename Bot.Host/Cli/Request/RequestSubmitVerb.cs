using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request submit</c>: files a request; the new request's id is the last line printed.</summary>
internal sealed class RequestSubmitVerb : ICliVerb
{
    public string Name => "request submit";

    public string Usage => "--as EMAIL --resource R [--duration D] [--reason TEXT]";

    public string Summary => "File an access request (prints its id on the last line).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as", "resource", "duration", "reason") || !RequestVerbSupport.TryNoPositionals(args, context)
            || !args.TryRequire("resource", out var resource, context.Error)
            || !RequestVerbSupport.TryDuration(args, "duration", required: false, context, out var duration))
            return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().SubmitAsync(
            new SubmitRequest(actor, resource, duration, args.Option("reason"), RequestVerbSupport.Origin), ct);
        return RequestVerbSupport.Print(outcome, context);
    }
}
