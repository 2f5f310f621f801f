using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request extend</c>: asks for more time on an active grant; the extension request's id is the last line.</summary>
internal sealed class RequestExtendVerb : ICliVerb
{
    public string Name => "request extend";

    public string Usage => "ID --as EMAIL --duration D [--reason TEXT]";

    public string Summary => "Ask for more time on an active grant (approved like a new request).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as", "duration", "reason") || !RequestVerbSupport.TryId(args, context, out var id)
            || !RequestVerbSupport.TryDuration(args, "duration", required: true, context, out var duration))
            return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().ExtendAsync(
            new ExtendRequest(id, actor, duration!.Value, args.Option("reason"), RequestVerbSupport.Origin), ct);
        return outcome is SubmitOutcome.NotFound ? RequestVerbSupport.NotFound(context, id) : RequestVerbSupport.Print(outcome, context);
    }
}
