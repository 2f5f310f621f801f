using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request cancel</c>: Withdraw your own pending request.</summary>
internal sealed class RequestCancelVerb : ICliVerb
{
    public string Name => "request cancel";

    public string Usage => "ID --as EMAIL";

    public string Summary => "Withdraw your own pending request.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as") || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().CancelAsync(id, actor, ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
