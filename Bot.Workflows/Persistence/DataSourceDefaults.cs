using System.Data.Common;
using Npgsql;

namespace AccessBot.Workflows.Persistence;

/// <summary>
/// Connection settings the engine is tuned for, applied to the process's data source unless the operator's connection
/// string sets them itself.
/// </summary>
/// <remarks>
/// Auto-prepare: every transition sends the same dozen statements, some with a costly plan (the request read aggregates
/// its approvals), so preparing each once per connection instead of planning it on every execution roughly doubled the
/// engine's throughput in the lifecycle benchmark.
/// </remarks>
public static class DataSourceDefaults
{
    public const int MaxAutoPrepare = 64;

    public const int AutoPrepareMinUsages = 2;

    /// <param name="builder">The data source's builder, already holding the operator's connection string.</param>
    public static void Apply(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The typed builder reports every keyword as present; the generic one only those the string spells out.
        var given = new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
                builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }
    }
}
