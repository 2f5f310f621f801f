using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request approve</c>: approves the current step, under the same rules as a chat click.</summary>
internal sealed class RequestApproveVerb : ICliVerb
{
    public string Name => "request approve";

    public string Usage => "ID --as EMAIL [--comment TEXT]";

    public string Summary => "Approve the current step of a pending request.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as", "comment") || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().DecideAsync(
            new DecideRequest(id, actor, Approve: true, args.Option("comment")), ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
