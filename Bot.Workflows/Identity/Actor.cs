namespace AccessBot.Workflows.Identity;

/// <summary>
/// Who performs an action and through which surface. <see cref="Platform"/> is a routing and audit label only
/// (an adapter's name, "cli" or "system"); the engine never branches on a platform's name.
/// </summary>
/// <param name="Principal">The person, or null for the system (jobs, sweeps).</param>
/// <param name="Name">What the audit log records as the actor: the principal's email, "system:JOB", or "cli:EMAIL (os user)".</param>
/// <param name="Platform">Where the action came from.</param>
/// <param name="Permalink">Link to the chat message the action came from, when there is one.</param>
public sealed record Actor(Principal? Principal, string Name, string Platform, string? Permalink = null)
{
    public const string SystemPlatform = "system";

    public static Actor System(string job) => new(null, $"system:{job}", SystemPlatform);

    public static Actor Person(Principal principal, string platform, string? permalink = null) =>
        new(principal, principal.Email, platform, permalink);
}
