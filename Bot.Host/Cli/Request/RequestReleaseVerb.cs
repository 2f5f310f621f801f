using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request release</c>: End your own active grant early (access is revoked now).</summary>
internal sealed class RequestReleaseVerb : ICliVerb
{
    public string Name => "request release";

    public string Usage => "ID --as EMAIL";

    public string Summary => "End your own active grant early (access is revoked now).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as") || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().ReleaseAsync(id, actor, ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
