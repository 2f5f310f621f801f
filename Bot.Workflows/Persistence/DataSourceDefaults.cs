using System.Data.Common;
using Npgsql;

namespace AccessBot.Workflows.Persistence;

/// <summary>
/// Connection settings the engine is tuned for, applied to the process's data source unless the operator's connection
/// string sets them itself.
/// </summary>
/// <remarks>
/// <para>
/// Auto-prepare: every transition sends the same dozen statements, some with a costly plan (the request read aggregates
/// its approvals), so preparing each once per connection instead of planning it on every execution roughly doubled the
/// engine's throughput in the lifecycle benchmark.
/// </para>
/// <para>
/// No reset on close: by default every pooled connection is reset when it is returned (RESET ALL, CLOSE ALL, UNLISTEN *,
/// pg_advisory_unlock_all(), DISCARD SEQUENCES, DISCARD TEMP), six statements parsed and run on the next use, and a
/// transition opens two or three connections. Measured side by side, skipping the reset cut the driver's CPU per
/// lifecycle by a quarter. The price is a rule for this code base: nothing may leave session state behind. Settings are
/// transaction-scoped (<c>set local</c>, <c>set_config(…, true)</c>), locks are transaction-scoped or released in a
/// <c>finally</c> (the migrator, Hangfire's installer), temporary tables and cursors are not used, and the outbox
/// dispatcher stops listening before its connection goes back.
/// </para>
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
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
                builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }
    }
}
