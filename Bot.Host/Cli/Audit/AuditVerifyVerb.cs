using AccessBot.Workflows.Audit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Host.Cli.Audit;

/// <summary><c>audit verify</c>: walks the whole chain and checks it against the signed checkpoints.</summary>
internal sealed class AuditVerifyVerb : ICliVerb
{
    public string Name => "audit verify";

    public string Usage => "[--checkpoints DIR] [--public-key FILE]";

    public string Summary => "Re-hash the whole audit log and check it against the signed checkpoints; exit 1 names the first damaged event.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "checkpoints", "public-key") || !AuditCliChecks.NoPositionals(args, context.Error))
            return ExitCodes.Usage;
        var options = context.Services.GetRequiredService<IOptions<AuditOptions>>().Value;
        if (!AuditCliChecks.TryOptionalPath(args, "checkpoints", options.CheckpointFolder, context.Error, out var folder) ||
            !AuditCliChecks.TryOptionalPath(args, "public-key", options.ResolvedPublicKeyPath, context.Error, out var keyPath))
            return ExitCodes.Usage;
        if (args.Has("checkpoints") && !Directory.Exists(folder))
        {
            await context.Error.WriteLineAsync($"error: checkpoint folder {folder} does not exist");
            return ExitCodes.Usage;
        }
        if (args.Has("public-key") && !File.Exists(keyPath))
        {
            await context.Error.WriteLineAsync($"error: public key {keyPath} does not exist");
            return ExitCodes.Usage;
        }

        var (checkpoints, unreadable) = await new AuditCheckpointStore(folder).ReadAllAsync(ct);
        AuditPublicKey? publicKey = null;
        try
        {
            if (File.Exists(keyPath)) publicKey = AuditPublicKey.Load(keyPath);
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        AuditVerificationResult result;
        using (publicKey)
        {
            result = await context.Services.GetRequiredService<AuditVerifier>()
                .VerifyAsync(context.Services.GetRequiredService<NpgsqlDataSource>(), checkpoints, publicKey, ct);
        }

        var head = result.HeadHash is null ? "empty log" : $"last seq {result.LastSeq}, head {result.HeadHash}";
        await context.Out.WriteLineAsync($"events checked: {result.EventsChecked} ({head})");
        await context.Out.WriteLineAsync($"checkpoints matched: {result.CheckpointsMatched} of {checkpoints.Count + unreadable.Count} in {folder}");
        if (checkpoints.Count + unreadable.Count == 0)
            await context.Out.WriteLineAsync("note: no checkpoints: a log rewritten consistently by a database superuser would go unnoticed");
        foreach (var rejected in unreadable.Concat(result.RejectedCheckpoints))
            await context.Out.WriteLineAsync($"REJECTED checkpoint {rejected.Source}: {rejected.Reason}");
        if (result.FirstDamage is { } damage)
            await context.Out.WriteLineAsync($"DAMAGE at seq {damage.Seq}: {damage.Kind}: {damage.Description}");

        var intact = result.IsIntact && unreadable.Count == 0;
        if (intact) await context.Out.WriteLineAsync("audit log intact");
        return intact ? ExitCodes.Success : ExitCodes.Refused;
    }
}
