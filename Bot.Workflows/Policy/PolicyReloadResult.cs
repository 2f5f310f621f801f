namespace AccessBot.Workflows.Policy;

/// <summary>What a reload did.</summary>
/// <param name="Outcome">Whether the policy in force changed.</param>
/// <param name="Previous">The policy in force before the reload.</param>
/// <param name="Current">The policy in force after it (the same instance as <paramref name="Previous"/> unless swapped).</param>
/// <param name="Errors">Why the file was refused; empty otherwise.</param>
public sealed record PolicyReloadResult(
    PolicyReloadOutcome Outcome,
    AccessPolicy Previous,
    AccessPolicy Current,
    IReadOnlyList<PolicyError> Errors);

public enum PolicyReloadOutcome
{
    /// <summary>The file was valid and differs: the new policy is in force.</summary>
    Swapped,

    /// <summary>The file is byte-for-byte the policy already in force.</summary>
    Unchanged,

    /// <summary>The file is invalid or unreadable: the previous policy stays in force.</summary>
    Rejected,
}
