namespace AccessBot.Workflows.Identity;

/// <summary>
/// Which <c>principals</c> column holds one chat platform's user ids. Each adapter registers its own
/// (<see cref="IdentityServiceCollectionExtensions.AddIdentityColumn"/>), so the engine never names a platform.
/// </summary>
/// <param name="Platform">The adapter's name, as in <see cref="PlatformIdentity.Platform"/>.</param>
/// <param name="Column">One of <see cref="Known"/>.</param>
public sealed record IdentityColumn(string Platform, string Column)
{
    /// <summary>The identity columns of the data model (<c>0001_core.sql</c>). Nothing else reaches SQL as a column name.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "slack_user_id",
        "teams_aad_object_id",
    };
}
