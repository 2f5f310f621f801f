using System.Text.Json.Nodes;
using AccessBot.Workflows.Policy;
using Npgsql;

namespace AccessBot.Tests.Integration.Digest;

internal sealed record SeedPrincipal(Guid Id, string Email, string Name);

internal sealed record SeedRequest(
    long Id, Guid Requester, string Resource, string State, DateTimeOffset CreatedAt, string? Permalink,
    bool BreakGlass = false, bool AutoApproved = false,
    DateTimeOffset? GrantedAt = null, DateTimeOffset? ExpiresAt = null, DateTimeOffset? RevokedAt = null);

internal sealed record SeedApproval(long RequestId, int Step, Guid Approver, string Decision, DateTimeOffset At, string? Permalink,
    string? Comment = null);

internal sealed record SeedAudit(DateTimeOffset At, string Actor, string Action, long? RequestId, string? Resource,
    JsonObject? Details = null, string? Permalink = null)
{
    public long Seq { get; set; }
}

/// <summary>
/// A week of activity (ISO 2026-W47 in Europe/Berlin) with rows just inside and just outside the period, hostile display
/// names and comments, a reconcile revocation, an overdue grant, break-glass, auto-approval and dormant approvers.
/// </summary>
internal sealed class DigestDataset
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public SeedPrincipal Alice { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "alice@example.com", "Alice Adams");
    public SeedPrincipal Bob { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000000b"), "bob@example.com", "Bob Brown");
    public SeedPrincipal Carol { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000000c"), "carol@example.com", "Carol Chen");
    public SeedPrincipal Dave { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000000d"), "dave@example.com",
        "Dave <!channel> *D* [x](http://evil)");
    public SeedPrincipal Erin { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000000e"), "erin@example.com", "Erin Evans");
    public SeedPrincipal Frank { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000000f"), "frank@example.com", "Frank Fox");

    public IReadOnlyList<SeedPrincipal> Principals => [Alice, Bob, Carol, Dave, Erin, Frank];

    public List<SeedRequest> Requests { get; } = [];

    public List<SeedApproval> Approvals { get; } = [];

    public List<SeedAudit> Audit { get; } = [];

    /// <summary>Wall-clock time in Berlin, November 2026 unless another month is given.</summary>
    public static DateTimeOffset B(int day, int hour, int minute, int second = 0, int month = 11)
    {
        var local = new DateTime(2026, month, day, hour, minute, second);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    public DigestDataset()
    {
        // 1: in hours, two steps, expired normally.
        Req(1, Alice, "prod-db", "expired", B(16, 10, 0), granted: B(16, 10, 41), expires: B(16, 14, 41), revoked: B(16, 14, 41));
        Approve(1, 1, Bob, B(16, 10, 12));
        Approve(1, 2, Carol, B(16, 10, 40));
        // 2: off hours; the reconcile sweep had to revoke it.
        Req(2, Alice, "prod-db", "expired", B(17, 22, 30), granted: B(17, 23, 11), expires: B(18, 1, 11), revoked: B(18, 1, 20));
        Approve(2, 1, Bob, B(17, 22, 45));
        Approve(2, 2, Carol, B(17, 23, 10));
        Event(B(18, 1, 20), "system:reconcile", "grant.expired", 2, "prod-db");
        // 3: denied with a hostile comment; a non-approver clicked first (refused by the adapter).
        Req(3, Dave, "prod-db", "denied", B(18, 9, 0));
        Event(B(18, 9, 10), Alice.Email, "chat.click_refused", 3, "prod-db", new JsonObject { ["reason"] = "NotAnApprover" },
            "https://chat.example/click/3a");
        Approvals.Add(new SeedApproval(3, 1, Bob.Id, "deny", B(18, 9, 30), "https://chat.example/click/3",
            "no ticket <!here> *now* & `rm -rf`\nsecond line"));
        // 4: auto-approved, low sensitivity.
        Req(4, Dave, "staging-db", "expired", B(19, 11, 0), auto: true,
            granted: B(19, 11, 0), expires: B(19, 19, 0), revoked: B(19, 19, 0));
        // 5: break-glass on a critical resource at night.
        Req(5, Alice, "payments", "expired", B(21, 3, 0), breakGlass: true,
            granted: B(21, 3, 0), expires: B(21, 4, 0), revoked: B(21, 4, 0));
        Event(B(21, 3, 0), Alice.Email, "break_glass.used", 5, "payments");
        // 6: escalated, a self-approval attempt, then timed out.
        Req(6, Dave, "prod-db", "timed_out", B(20, 16, 0));
        Event(B(20, 16, 5), Dave.Email, "request.refused", 6, "prod-db", new JsonObject { ["reason"] = "SelfApproval" },
            "https://chat.example/click/6");
        Event(B(20, 16, 6), Bob.Email, "request.refused", 6, "prod-db", new JsonObject { ["reason"] = "AlreadyDecidedByYou" });
        Event(B(20, 16, 30), "system:escalate", "request.escalated", 6, "prod-db");
        Event(B(21, 16, 0), "system:timeout", "request.timed_out", 6, "prod-db");
        // 7: filed one second before the week ends (Sunday 23:59:59 Berlin).
        Req(7, Alice, "prod-db", "pending", B(22, 23, 59, 59));
        // 8: filed at the first instant of the next week.
        Req(8, Alice, "prod-db", "pending", B(23, 0, 0));
        Event(B(23, 0, 0), "system:escalate", "request.escalated", 8, "prod-db");
        // 9: filed one second before the week began; decided and granted (off hours) inside it; still active.
        Req(9, Dave, "prod-db", "active", B(15, 23, 59, 59), granted: B(16, 0, 31), expires: B(23, 12, 0));
        Approve(9, 1, Bob, B(16, 0, 20));
        Approve(9, 2, Carol, B(16, 0, 30));
        // 10: auto-approved before business hours, past expiry and never revoked.
        Req(10, Alice, "staging-db", "active", B(16, 8, 0), auto: true, granted: B(16, 8, 0), expires: B(16, 9, 0));
        // 11: Frank's last decision, long ago.
        Req(11, Alice, "prod-db", "expired", B(10, 9, 0, month: 8), granted: B(10, 10, 5, month: 8), expires: B(10, 12, 5, month: 8),
            revoked: B(10, 12, 5, month: 8));
        Approve(11, 1, Frank, B(10, 10, 0, month: 8));
        Approve(11, 2, Carol, B(10, 10, 4, month: 8));
        // 12: auto-approved on a high-sensitivity resource, in hours.
        Req(12, Carol, "reports", "expired", B(19, 14, 0), auto: true, granted: B(19, 14, 0), expires: B(19, 15, 0), revoked: B(19, 15, 0));
        // Reconcile revocation of the previous week (marked in its details): not this week's business.
        Event(B(15, 23, 59, 59), "system:engine", "grant.expired", 11, "prod-db", new JsonObject { ["by"] = "reconcile" });
        // A normal expiry: not a reconcile revocation.
        Event(B(16, 14, 41), "system:expire", "grant.expired", 1, "prod-db");
        foreach (var request in Requests)
            Event(request.CreatedAt, Principals.Single(p => p.Id == request.Requester).Email, "request.submitted", request.Id,
                request.Resource, permalink: request.Permalink);
        Audit.Sort((a, b) => a.At.CompareTo(b.At));
        for (var i = 0; i < Audit.Count; i++) Audit[i].Seq = i + 1;
    }

    public AccessPolicy Policy() => DigestPolicies.Build(
        resources:
        [
            DigestPolicies.Resource("prod-db", Sensitivity.High,
            [
                new ApprovalStep("db-owners", 1, TimeSpan.FromMinutes(30), "sec-leads"),
                new ApprovalStep("security", 1, null, null),
            ]),
            DigestPolicies.Resource("staging-db", Sensitivity.Low, []),
            DigestPolicies.Resource("payments", Sensitivity.Critical, [new ApprovalStep("security", 1, null, null)]),
            DigestPolicies.Resource("reports", Sensitivity.High, []),
        ],
        groups:
        [
            DigestPolicies.Group("db-owners", Bob.Email, Erin.Email),
            DigestPolicies.Group("security", Carol.Email, Frank.Email.ToUpperInvariant()),
            DigestPolicies.Group("sec-leads", "ghost@example.com"),
            DigestPolicies.Group("requesters", Alice.Email, Dave.Email),
        ]);

    public async Task InsertAsync(NpgsqlDataSource dataSource)
    {
        foreach (var p in Principals)
        {
            await using var command = dataSource.CreateCommand("insert into principals (id, email, display_name) values ($1, $2, $3)");
            command.Parameters.Add(new() { Value = p.Id });
            command.Parameters.Add(new() { Value = p.Email });
            command.Parameters.Add(new() { Value = p.Name });
            await command.ExecuteNonQueryAsync();
        }
        foreach (var r in Requests)
        {
            await using var command = dataSource.CreateCommand(
                """
                insert into access_requests (id, requester_id, resource, requested_duration, reason, state, total_steps, break_glass,
                    auto_approved, policy_version, origin_platform, origin_permalink, created_at, granted_at, expires_at)
                overriding system value
                values ($1, $2, $3, interval '4 hours', 'seeded', $4, 2, $5, $6, 'v1', 'chat', $7, $8, $9, $10)
                """);
            foreach (var value in new object?[] { r.Id, r.Requester, r.Resource, r.State, r.BreakGlass, r.AutoApproved, r.Permalink,
                r.CreatedAt, r.GrantedAt, r.ExpiresAt })
                command.Parameters.Add(new() { Value = value ?? DBNull.Value });
            await command.ExecuteNonQueryAsync();
            if (r.GrantedAt is null) continue;
            await using var grant = dataSource.CreateCommand(
                """
                insert into grants (request_id, principal_id, resource, provisioner, granted_at, expires_at, revoked_at)
                values ($1, $2, $3, 'manual', $4, $5, $6)
                """);
            foreach (var value in new object?[] { r.Id, r.Requester, r.Resource, r.GrantedAt, r.ExpiresAt, r.RevokedAt })
                grant.Parameters.Add(new() { Value = value ?? DBNull.Value });
            await grant.ExecuteNonQueryAsync();
        }
        // The ids above were given explicitly; later inserts must not collide with them.
        await using (var sequence = dataSource.CreateCommand(
            "select setval(pg_get_serial_sequence('access_requests', 'id'), (select max(id) from access_requests))"))
        {
            await sequence.ExecuteNonQueryAsync();
        }
        foreach (var a in Approvals)
        {
            await using var command = dataSource.CreateCommand(
                """
                insert into approvals (request_id, step, approver_id, decision, comment, platform, permalink, at)
                values ($1, $2, $3, $4, $5, 'chat', $6, $7)
                """);
            foreach (var value in new object?[] { a.RequestId, a.Step, a.Approver, a.Decision, a.Comment, a.Permalink, a.At })
                command.Parameters.Add(new() { Value = value ?? DBNull.Value });
            await command.ExecuteNonQueryAsync();
        }
        foreach (var e in Audit)
            await AuditSeeder.AppendAtAsync(dataSource, e.At, e.Actor, e.Action, e.RequestId, e.Resource, e.Details, e.Permalink);
    }

    private void Req(long id, SeedPrincipal requester, string resource, string state, DateTimeOffset created, bool auto = false,
        bool breakGlass = false,
        DateTimeOffset? granted = null, DateTimeOffset? expires = null, DateTimeOffset? revoked = null) =>
        Requests.Add(new SeedRequest(id, requester.Id, resource, state, created,
            $"https://chat.example/archives/C1/p{id}?thread_ts=1&cid=C1",
            breakGlass, auto, granted, expires, revoked));

    private void Approve(long request, int step, SeedPrincipal approver, DateTimeOffset at) =>
        Approvals.Add(new SeedApproval(request, step, approver.Id, "approve", at, $"https://chat.example/click/{request}/{step}"));

    private void Event(DateTimeOffset at, string actor, string action, long? request, string? resource, JsonObject? details = null,
        string? permalink = null) =>
        Audit.Add(new SeedAudit(at, actor, action, request, resource, details, permalink));
}
