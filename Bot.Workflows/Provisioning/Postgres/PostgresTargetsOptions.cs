using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>
/// The databases the <c>postgres</c> provisioner may change, by the name policies use (<c>target: prod-db</c>).
/// Bound from <c>AccessBot:Targets:&lt;name&gt;:ConnectionString</c> (env <c>AccessBot__Targets__prod-db__ConnectionString</c>);
/// connection strings live only in configuration, never in the policy file, and are never logged.
/// </summary>
public sealed class PostgresTargetsOptions
{
    public const string Section = "AccessBot";

    public Dictionary<string, PostgresTargetOptions> Targets { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One target database.</summary>
public sealed class PostgresTargetOptions
{
    public string? ConnectionString { get; set; }
}

/// <summary>Fails start-up on a target whose connection string is missing or unparsable, without echoing it.</summary>
internal sealed class PostgresTargetsOptionsValidator : IValidateOptions<PostgresTargetsOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresTargetsOptions options)
    {
        var failures = new List<string>();
        foreach (var (target, settings) in options.Targets)
        {
            if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            {
                failures.Add($"AccessBot:Targets:{target}:ConnectionString is empty.");
                continue;
            }
            try
            {
                _ = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
            }
            catch (ArgumentException)
            {
                // The exception text may quote the connection string, so it is not passed on.
                failures.Add($"AccessBot:Targets:{target}:ConnectionString is not a valid PostgreSQL connection string.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
