namespace AccessBot.Workflows.Policy;

/// <summary>
/// The validated policy file: resources, groups, channels, schedules. Immutable; a reload produces a new instance.
/// </summary>
/// <param name="Version">SHA-256 (lower-case hex) of the file's bytes. Each request is pinned to the version it was evaluated under.</param>
/// <param name="SourcePath">The file it was read from, for messages.</param>
public sealed record AccessPolicy(
    string Version,
    string SourcePath,
    IReadOnlyDictionary<string, ResourcePolicy> Resources,
    IReadOnlyDictionary<string, GroupPolicy> Groups,
    IReadOnlyDictionary<string, ChannelPolicy> Channels,
    PolicyDefaults Defaults,
    DigestSchedule Digest,
    BusinessHours BusinessHours,
    string? AdminGroup)
{
    public ResourcePolicy? FindResource(string name) =>
        Resources.TryGetValue(name, out var resource) ? resource : null;

    public GroupPolicy? FindGroup(string name) =>
        Groups.TryGetValue(name, out var group) ? group : null;
}

/// <summary>Engine-wide settings that a resource may not override.</summary>
/// <param name="RemindBefore">How long before expiry the requester is offered an Extend button.</param>
/// <param name="PendingTimeout">How long a request may wait for decisions before it times out.</param>
/// <param name="MaxPendingPerRequester">Cap on one person's open (pending) requests.</param>
public sealed record PolicyDefaults(TimeSpan RemindBefore, TimeSpan PendingTimeout, int MaxPendingPerRequester);

/// <summary>The weekly digest's schedule: a five-field cron expression in an IANA time zone.</summary>
public sealed record DigestSchedule(string Cron, string TimeZone, string Channel);

/// <summary>When grants count as "in hours"; grants outside are flagged.</summary>
public sealed record BusinessHours(string TimeZone, IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End);
