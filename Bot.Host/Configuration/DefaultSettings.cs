using Microsoft.Extensions.Configuration.Memory;

namespace AccessBot.Host.Configuration;

/// <summary>
/// Settings the host ships with, as the lowest-priority configuration source: every file, environment variable or
/// command-line value overrides them. Kept in code because the host runs from the repository root, where no
/// appsettings.json of the binaries would be found.
/// </summary>
internal static class DefaultSettings
{
    private static readonly Dictionary<string, string?> Values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // Npgsql logs every command at Information.
        ["Logging:LogLevel:Npgsql"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Warning",
    };

    public static void AddTo(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
}
