using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request revoke</c>: an approver of the resource or an admin ends a grant (or a pending request) now.</summary>
internal sealed class RequestRevokeVerb : ICliVerb
{
    public string Name => "request revoke";

    public string Usage => "ID --as EMAIL [--reason TEXT]";

    public string Summary => "End someone's grant or pending request now (approvers of the resource and admins).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as", "reason") || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().RevokeAsync(id, actor, args.Option("reason"), ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
