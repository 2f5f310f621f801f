using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request provisioned</c>: Confirm that a manual grant was made (starts the access clock).</summary>
internal sealed class RequestProvisionedVerb : ICliVerb
{
    public string Name => "request provisioned";

    public string Usage => "ID --as EMAIL";

    public string Summary => "Confirm that a manual grant was made (starts the access clock).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "as") || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        if (await RequestVerbSupport.ActorAsync(args, context, ct) is not { } actor) return ExitCodes.Usage;
        var outcome = await context.Services.GetRequiredService<IAccessRequestService>().ConfirmProvisionedAsync(id, actor, ct);
        return RequestVerbSupport.Print(outcome, id, context);
    }
}
