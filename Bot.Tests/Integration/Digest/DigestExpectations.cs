using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Integration.Digest;

/// <summary>The digest's figures computed independently, with LINQ over the seeded rows (no SQL involved).</summary>
internal sealed class DigestExpectations(DigestDataset data, DateTimeOffset start, DateTimeOffset end, DateTimeOffset asOf,
    AccessPolicy policy)
{
    private bool In(DateTimeOffset t) => t >= start && t < end;

    private IEnumerable<SeedRequest> Filed => data.Requests.Where(r => In(r.CreatedAt));

    private IEnumerable<SeedRequest> GrantedInPeriod => data.Requests.Where(r => r.GrantedAt is { } g && In(g));

    private string EmailOf(Guid id) => data.Principals.Single(p => p.Id == id).Email;

    public IEnumerable<(string, int)> ByOutcome => Filed.GroupBy(r => r.State)
        .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal);

    public IEnumerable<(string, int, int, int)> PerResource => Filed.GroupBy(r => r.Resource)
        .Select(g => (g.Key, g.Count(), g.Count(r => r.GrantedAt is not null), g.Count(r => r.State == "denied")))
        .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal);

    public IEnumerable<(string, int)> TopRequesters => Filed.GroupBy(r => EmailOf(r.Requester))
        .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(5);

    public IEnumerable<(string, int, int)> Approvers => data.Approvals.Where(a => In(a.At)).GroupBy(a => EmailOf(a.Approver))
        .Select(g => (g.Key, g.Count(a => a.Decision == "approve"), g.Count(a => a.Decision == "deny")))
        .OrderByDescending(x => x.Item2 + x.Item3).ThenBy(x => x.Key, StringComparer.Ordinal);

    public IReadOnlyList<TimeSpan> FirstDecisionLatencies => data.Approvals.GroupBy(a => a.RequestId)
        .Select(g => (Request: g.Key, First: g.Min(a => a.At)))
        .Where(x => In(x.First))
        .Select(x => x.First - data.Requests.Single(r => r.Id == x.Request).CreatedAt)
        .Order().ToList();

    /// <summary>Linear interpolation between closest ranks, as PostgreSQL's percentile_cont.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    private IEnumerable<SeedAudit> Events(string action) => data.Audit.Where(e => e.Action == action && In(e.At));

    public int Escalations => Events("request.escalated").Count();

    public IEnumerable<long?> TimedOut => Events("request.timed_out").Select(e => e.RequestId);

    public IEnumerable<long?> Denials =>
        data.Approvals.Where(a => a.Decision == "deny" && In(a.At)).OrderBy(a => a.At).Select(a => (long?)a.RequestId);

    private IEnumerable<SeedAudit> RefusedClicks => data.Audit
        .Where(e => In(e.At) && (e.Action == "request.refused" || e.Action.EndsWith(".click_refused", StringComparison.Ordinal)));

    public IEnumerable<long?> SelfApprovals => RefusedClicks
        .Where(e => (string?)e.Details?["reason"] == "SelfApproval").Select(e => e.RequestId);

    public int NotAnApprover => RefusedClicks.Count(e => (string?)e.Details?["reason"] == "NotAnApprover");

    public IEnumerable<long?> OffHours => GrantedInPeriod.Where(r => !InBusinessHours(r.GrantedAt!.Value))
        .OrderBy(r => r.GrantedAt).Select(r => (long?)r.Id);

    public IEnumerable<long?> SensitiveFastPath => GrantedInPeriod
        .Where(r => policy.Resources[r.Resource].Sensitivity >= Sensitivity.High && (r.BreakGlass || r.AutoApproved))
        .OrderBy(r => r.GrantedAt).Select(r => (long?)r.Id);

    public IEnumerable<long?> Longest => GrantedInPeriod
        .OrderByDescending(r => r.ExpiresAt - r.GrantedAt).ThenBy(r => r.Id).Take(5).Select(r => (long?)r.Id);

    public IEnumerable<long?> Active => data.Requests
        .Where(r => r.GrantedAt <= asOf && r.RevokedAt is null && r.ExpiresAt > asOf).OrderBy(r => r.ExpiresAt).Select(r => (long?)r.Id);

    public int Overdue => data.Requests.Count(r => r.GrantedAt is not null && r.RevokedAt is null && r.ExpiresAt <= asOf);

    public IEnumerable<long?> Reconcile => Events("grant.expired")
        .Where(e => (string?)e.Details?["by"] == "reconcile" || e.Actor == "system:reconcile").Select(e => e.RequestId);

    public IEnumerable<string> DormantNames
    {
        get
        {
            var stepGroups = policy.Resources.Values.SelectMany(r => r.Steps)
                .SelectMany(s => new[] { s.Group, s.EscalateTo }).OfType<string>().Distinct();
            var members = stepGroups.SelectMany(g => policy.Groups[g].Members.Select(m => m.Value))
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var member in members)
            {
                var principal = data.Principals.SingleOrDefault(p => string.Equals(p.Email, member, StringComparison.OrdinalIgnoreCase));
                if (principal is null)
                {
                    yield return member;
                    continue;
                }
                var recent = data.Approvals.Any(a => a.Approver == principal.Id && a.At >= end.AddDays(-90) && a.At < end);
                if (!recent) yield return principal.Name;
            }
        }
    }

    public long LastSeq => data.Audit.Where(e => e.At < end).Max(e => e.Seq);

    private bool InBusinessHours(DateTimeOffset t)
    {
        var hours = policy.BusinessHours;
        var local = TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone));
        var time = TimeOnly.FromDateTime(local.DateTime);
        return hours.Days.Contains(local.DayOfWeek) && time >= hours.Start && time < hours.End;
    }
}
