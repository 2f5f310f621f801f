using System.Globalization;
using System.Text;
using AccessBot.Workflows.Audit;
using Npgsql;

namespace AccessBot.Host.Cli.Audit;

/// <summary><c>audit export</c>: the events of a time range, every column, as CSV or JSON lines.</summary>
internal sealed class AuditExportVerb : ICliVerb
{
    public string Name => "audit export";

    public string Usage => "--from ISO --to ISO --format csv|jsonl [--output FILE]";

    public string Summary => "Export audit events with from <= at < to (UTC unless the time says otherwise), to stdout or a new file.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "from", "to", "format", "output") || !AuditCliChecks.NoPositionals(args, context.Error))
            return ExitCodes.Usage;
        if (!TryTime(args, "from", context.Error, out var from) || !TryTime(args, "to", context.Error, out var to))
            return ExitCodes.Usage;
        if (from >= to)
        {
            await context.Error.WriteLineAsync("error: --from must be earlier than --to");
            return ExitCodes.Usage;
        }
        if (!args.TryRequire("format", out var formatText, context.Error)) return ExitCodes.Usage;
        AuditExportFormat format;
        switch (formatText.ToLowerInvariant())
        {
            case "csv": format = AuditExportFormat.Csv; break;
            case "jsonl": format = AuditExportFormat.Jsonl; break;
            default:
                await context.Error.WriteLineAsync($"error: --format must be csv or jsonl, not '{formatText}'");
                return ExitCodes.Usage;
        }
        if (!AuditCliChecks.TryOptionalPath(args, "output", "", context.Error, out var outputPath)) return ExitCodes.Usage;

        var exporter = context.Services.GetRequiredService<AuditExporter>();
        var dataSource = context.Services.GetRequiredService<NpgsqlDataSource>();
        if (outputPath.Length == 0)
        {
            var written = await exporter.ExportAsync(dataSource, from, to, format, context.Out, ct);
            await context.Error.WriteLineAsync($"exported {written} events");
            return ExitCodes.Success;
        }

        FileStream file;
        try
        {
            file = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write);
        }
        catch (IOException e)
        {
            await context.Error.WriteLineAsync($"error: cannot create {outputPath} (an existing file is never overwritten): {e.Message}");
            return ExitCodes.Usage;
        }
        long count;
        try
        {
            await using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            count = await exporter.ExportAsync(dataSource, from, to, format, writer, ct);
        }
        catch
        {
            File.Delete(outputPath); // a half-written export must not pass for a complete one
            throw;
        }
        await context.Out.WriteLineAsync($"exported {count} events to {Path.GetFullPath(outputPath)}");
        return ExitCodes.Success;
    }

    private static bool TryTime(CliArguments args, string name, TextWriter error, out DateTimeOffset time)
    {
        time = default;
        if (!args.TryRequire(name, out var text, error)) return false;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            return true;
        error.WriteLine($"error: --{name} '{text}' is not an ISO 8601 time (e.g. 2026-01-31 or 2026-01-31T09:00:00Z)");
        return false;
    }
}
