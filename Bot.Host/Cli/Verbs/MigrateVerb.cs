using AccessBot.Host.Persistence;

namespace AccessBot.Host.Cli.Verbs;

/// <summary><c>migrate</c>: applies the database migrations and prepares Hangfire's schema, then exits.</summary>
internal sealed class MigrateVerb : ICliVerb
{
    public string Name => "migrate";
    public string Usage => "";
    public string Summary => "Apply pending database migrations and prepare Hangfire's schema (serve does this at start-up too).";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (args.Positionals.Count > 0)
        {
            context.Error.WriteLine($"error: migrate takes no arguments (got '{args.Positionals[0]}')");
            return ExitCodes.Usage;
        }
        if (!args.EnsureOnly(context.Error)) return ExitCodes.Usage;

        var applied = await context.Services.PrepareDatabaseAsync(ct);
        context.Out.WriteLine(applied.Count == 0 ? "schema is current" : $"applied: {string.Join(", ", applied)}");
        return ExitCodes.Success;
    }
}
