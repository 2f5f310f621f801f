namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// When a grant's access clock starts and when it runs out, both read from the database clock: for a provisioner's grant,
/// at the start of the attempt that succeeded, so the deadline the target was given is the request's own expiry.
/// </summary>
internal readonly record struct GrantWindow(DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);
