using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request retry</c>: provision a request again after its provisioning failed.</summary>
internal sealed class RequestRetryVerb : ICliVerb
{
    public string Name => "request retry";

    public string Usage => "ID --as EMAIL";

    public string Summary => "Retry provisioning of a failed request (approver of the resource or admin).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as") || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().RetryAsync(id, actor, ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
