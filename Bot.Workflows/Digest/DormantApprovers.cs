using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// People who hold standing approver rights (members of a step's group or of its escalation group) but decided nothing
/// in the dormancy window, including policy entries that match no principal at all (they never used the bot).
/// </summary>
internal static class DormantApprovers
{
    public static List<DormantApprover> Find(
        AccessPolicy policy, IReadOnlyList<(Principal Principal, DateTimeOffset? LastAt, bool Recent)> principals)
    {
        var groupNames = policy.Resources.Values
            .SelectMany(r => r.Steps)
            .SelectMany(s => s.EscalateTo is null ? [s.Group] : new[] { s.Group, s.EscalateTo })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(policy.FindGroup)
            .OfType<GroupPolicy>()
            .ToList();

        var dormant = new List<DormantApprover>();
        foreach (var (principal, lastAt, recent) in principals)
        {
            var groups = groupNames.Where(g => g.Contains(principal)).Select(g => g.Name).ToList();
            if (groups.Count > 0 && !recent) dormant.Add(new DormantApprover(principal.DisplayName, principal.Email, lastAt, groups));
        }

        var unseen = groupNames
            .SelectMany(g => g.Members.Select(m => (Member: m, Group: g.Name)))
            .Where(x => !principals.Any(p => x.Member.Matches(p.Principal)))
            .GroupBy(x => x.Member)
            .Select(g => new DormantApprover(g.Key.Value, null, null, [.. g.Select(x => x.Group).Distinct(StringComparer.Ordinal)]));
        dormant.AddRange(unseen);
        return dormant;
    }
}
