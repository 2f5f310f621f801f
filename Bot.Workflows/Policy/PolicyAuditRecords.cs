using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// The audit events for the policy's life: which version came into force, when, on which host, and every edit refused.
/// With the version pinned on each request, an auditor can tell which rules applied to any decision.
/// </summary>
internal static class PolicyAuditRecords
{
    public const string Loaded = "policy.loaded";
    public const string Changed = "policy.changed";
    public const string ChangeRefused = "policy.change_refused";

    private const int MaxListedFields = 20;
    private static readonly Actor Watcher = Actor.System("policy");

    public static AuditRecord ForStartup(AccessPolicy policy) => new(Watcher, Loaded, null, null, new JsonObject
    {
        ["version"] = policy.Version,
        ["file"] = policy.SourcePath,
        ["resources"] = policy.Resources.Count,
        ["groups"] = policy.Groups.Count,
        ["host"] = Environment.MachineName,
    });

    /// <summary>Null for a reload that changed nothing.</summary>
    public static AuditRecord? For(PolicyReloadResult result) => result.Outcome switch
    {
        PolicyReloadOutcome.Swapped => new AuditRecord(Watcher, Changed, null, null, new JsonObject
        {
            ["previous_version"] = result.Previous.Version,
            ["version"] = result.Current.Version,
            ["file"] = result.Current.SourcePath,
            ["resources"] = result.Current.Resources.Count,
            ["groups"] = result.Current.Groups.Count,
            ["host"] = Environment.MachineName,
        }),
        // Field paths only: messages quote values from the file, and the audit log keeps what it is given forever.
        PolicyReloadOutcome.Rejected => new AuditRecord(Watcher, ChangeRefused, null, null, new JsonObject
        {
            ["version_in_force"] = result.Current.Version,
            ["file"] = result.Current.SourcePath,
            ["errors"] = result.Errors.Count,
            ["fields"] = new JsonArray([.. result.Errors.Select(e => e.Path).Distinct().Take(MaxListedFields).Select(p => JsonValue.Create(p))]),
            ["host"] = Environment.MachineName,
        }),
        _ => null,
    };
}
