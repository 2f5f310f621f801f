namespace AccessBot.Workflows.Policy;

/// <summary>
/// A named destination ("approvals", "security", "db-approvals"…) with one opaque address per platform. The engine
/// only passes the address to the adapter registered for that platform; it never interprets it.
/// </summary>
public sealed record ChannelPolicy(string Name, IReadOnlyDictionary<string, string> AddressByPlatform)
{
    public const string Approvals = "approvals";
    public const string Security = "security";
}
