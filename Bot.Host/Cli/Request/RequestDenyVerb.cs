using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request deny</c>: denies a pending request; a comment is required so the requester learns why.</summary>
internal sealed class RequestDenyVerb : ICliVerb
{
    public string Name => "request deny";

    public string Usage => "ID --as EMAIL --comment TEXT";

    public string Summary => "Deny a pending request, with a comment.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as", "comment") || !RequestVerbSupport.TryId(args, context, out var id)
            || !args.TryRequire("comment", out var comment, context.Error))
            return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().DecideAsync(
            new DecideRequest(id, actor, Approve: false, comment), ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
