using AccessBot.Workflows.Audit;

namespace AccessBot.Host.Cli.Audit;

/// <summary><c>audit checkpoint</c>: seals the current head now.</summary>
internal sealed class AuditCheckpointVerb : ICliVerb
{
    public string Name => "audit checkpoint";

    public string Usage => "";

    public string Summary => "Sign a checkpoint of the audit log's current head now and print its file.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error) || !AuditCliChecks.NoPositionals(args, context.Error)) return ExitCodes.Usage;

        var result = await context.Services.GetRequiredService<AuditCheckpointer>().WriteAsync(ct);
        switch (result.Status)
        {
            case AuditCheckpointStatus.Written:
                await context.Out.WriteLineAsync($"checkpoint {result.Checkpoint!.Seq} written: {result.Path}");
                return ExitCodes.Success;
            case AuditCheckpointStatus.UpToDate:
                await context.Out.WriteLineAsync($"{result.Message} Latest checkpoint: {result.Path}");
                return ExitCodes.Success;
            case AuditCheckpointStatus.EmptyLog:
                await context.Out.WriteLineAsync(result.Message);
                return ExitCodes.Success;
            default:
                await context.Error.WriteLineAsync($"error: {result.Message}");
                return ExitCodes.Refused;
        }
    }
}
