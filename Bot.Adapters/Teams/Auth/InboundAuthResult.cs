namespace AccessBot.Adapters.Teams.Auth;

/// <summary>The verdict on one inbound request. <see cref="Failure"/> is safe to log: it never contains the token.</summary>
public sealed record InboundAuthResult(bool IsValid, bool Anonymous, string? Failure)
{
    public static InboundAuthResult Valid { get; } = new(true, false, null);

    public static InboundAuthResult AnonymousAccepted { get; } = new(true, true, null);

    public static InboundAuthResult Reject(string reason) => new(false, false, reason);
}
