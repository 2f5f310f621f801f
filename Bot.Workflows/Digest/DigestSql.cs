namespace AccessBot.Workflows.Digest;

/// <summary>
/// The digest's queries. Every figure is an aggregate or a capped list computed by PostgreSQL; the period is the half-open
/// range [@start, @end). Lists carry <c>count(*) over ()</c> so the total survives the <c>limit</c>; free-text comments
/// are cut to 200 characters so one long comment cannot push the digest over a platform's message limit.
/// A refused click is audited by the engine as <c>request.refused</c> or by an adapter as <c>&lt;platform&gt;.click_refused</c>,
/// both with the <see cref="AccessRequests.Refusal"/> name in <c>details.reason</c>; a reconcile revocation is a
/// <c>grant.expired</c> by the actor <c>system:reconcile</c> (or with <c>details.by = "reconcile"</c>).
/// </summary>
internal static class DigestSql
{
    public const string Outcomes = """
        select state, count(*)::int as n
        from access_requests where created_at >= @start and created_at < @end
        group by state order by n desc, state collate "C"
        """;

    public const string Resources = """
        select resource, count(*)::int as n,
               (count(*) filter (where granted_at is not null))::int,
               (count(*) filter (where state = 'denied'))::int
        from access_requests where created_at >= @start and created_at < @end
        group by resource order by n desc, resource collate "C" limit 50
        """;

    public const string TopRequesters = """
        select p.display_name, p.email, count(*)::int as n
        from access_requests r join principals p on p.id = r.requester_id
        where r.created_at >= @start and r.created_at < @end
        group by p.id, p.display_name, p.email order by n desc, p.email collate "C" limit @top
        """;

    public const string Approvers = """
        select p.display_name, p.email,
               (count(*) filter (where a.decision = 'approve'))::int,
               (count(*) filter (where a.decision = 'deny'))::int
        from approvals a join principals p on p.id = a.approver_id
        where a.at >= @start and a.at < @end
        group by p.id, p.display_name, p.email order by count(*) desc, p.email collate "C" limit 50
        """;

    public const string FirstDecision = """
        with firsts as (
            select request_id, min(at) as first_at from approvals group by request_id
            having min(at) >= @start and min(at) < @end)
        select count(*)::int,
               percentile_cont(0.5) within group (order by f.first_at - r.created_at),
               percentile_cont(0.9) within group (order by f.first_at - r.created_at)
        from firsts f join access_requests r on r.id = f.request_id
        """;

    public const string AuditCounts = """
        select (count(*) filter (where action = 'request.escalated'))::int,
               (count(*) filter (where (action = 'request.refused' or action like '%.click_refused')
                                   and details->>'reason' = 'NotAnApprover'))::int
        from audit_events where at >= @start and at < @end
        """;

    // columns of every list: request_id, resource, person, actor, at, duration, note, permalink, total
    public const string TimedOut = """
        select e.request_id, coalesce(e.resource, r.resource), p.display_name, null::text, e.at,
               e.at - r.created_at, null::text, r.origin_permalink, count(*) over ()::int
        from audit_events e
        left join access_requests r on r.id = e.request_id left join principals p on p.id = r.requester_id
        where e.at >= @start and e.at < @end and e.action = 'request.timed_out'
        order by e.at, e.seq limit @limit
        """;

    public const string Denials = """
        select a.request_id, r.resource, rp.display_name, ap.display_name, a.at,
               null::interval, left(a.comment, 200), coalesce(a.permalink, r.origin_permalink), count(*) over ()::int
        from approvals a
        join access_requests r on r.id = a.request_id
        join principals rp on rp.id = r.requester_id join principals ap on ap.id = a.approver_id
        where a.decision = 'deny' and a.at >= @start and a.at < @end
        order by a.at, a.id limit @limit
        """;

    public const string SelfApprovals = """
        select e.request_id, coalesce(e.resource, r.resource), p.display_name, e.actor, e.at,
               null::interval, null::text, coalesce(e.permalink, r.origin_permalink), count(*) over ()::int
        from audit_events e
        left join access_requests r on r.id = e.request_id left join principals p on p.id = r.requester_id
        where e.at >= @start and e.at < @end and (e.action = 'request.refused' or e.action like '%.click_refused')
          and e.details->>'reason' = 'SelfApproval'
        order by e.at, e.seq limit @limit
        """;

    private const string GrantColumns = """
        select g.request_id, g.resource, p.display_name, null::text, g.granted_at,
               g.expires_at - g.granted_at, {0}, r.origin_permalink, count(*) over ()::int
        from grants g join principals p on p.id = g.principal_id join access_requests r on r.id = g.request_id
        """;

    public static readonly string OffHoursGrants = string.Format(null, GrantColumns, "null::text") + "\n" + """
        cross join lateral (select (g.granted_at at time zone @bh_zone) as local) l
        where g.granted_at >= @start and g.granted_at < @end
          and not (extract(isodow from l.local)::int = any(@bh_days)
                   and case when @bh_from <= @bh_to then l.local::time >= @bh_from and l.local::time < @bh_to
                            else l.local::time >= @bh_from or l.local::time < @bh_to end)
        order by g.granted_at, g.id limit @limit
        """;

    public static readonly string SensitiveFastPath =
        string.Format(null, GrantColumns, "case when r.break_glass then 'break-glass' else 'auto-approved' end") + "\n" + """
        where g.granted_at >= @start and g.granted_at < @end and g.resource = any(@sensitive)
          and (r.break_glass or r.auto_approved)
        order by g.granted_at, g.id limit @limit
        """;

    public static readonly string LongestGrants = string.Format(null, GrantColumns, "null::text") + "\n" + """
        where g.granted_at >= @start and g.granted_at < @end
        order by g.expires_at - g.granted_at desc, g.id limit @top
        """;

    public static readonly string ActiveGrants = string.Format(null, GrantColumns, "null::text") + "\n" + """
        where g.revoked_at is null and g.granted_at <= @as_of and g.expires_at > @as_of
        order by g.expires_at, g.id limit @limit
        """;

    public const string OverdueGrants = """
        select count(*)::int from grants where revoked_at is null and expires_at <= @as_of
        """;

    public const string ReconcileRevocations = """
        select e.request_id, coalesce(e.resource, g.resource), p.display_name, null::text, e.at,
               e.at - g.expires_at, null::text, r.origin_permalink, count(*) over ()::int
        from audit_events e
        left join grants g on g.request_id = e.request_id left join access_requests r on r.id = e.request_id
        left join principals p on p.id = g.principal_id
        where e.at >= @start and e.at < @end and e.action = 'grant.expired'
          and (e.details->>'by' = 'reconcile' or e.actor = 'system:reconcile')
        order by e.at, e.seq limit @limit
        """;

    // Every principal with their last decision before the period ended and whether they decided anything in the
    // dormancy window. Group membership is the policy's business (MemberRef.Matches), so it is decided in code; the
    // principal's own columns come last, in table order, so the reader can build a Principal positionally.
    public const string PrincipalsWithLastDecision = """
        select d.last_at, coalesce(d.recent, false), p.*
        from principals p
        left join (select approver_id,
                          max(at) filter (where at < @end) as last_at,
                          bool_or(at >= @dormant_since and at < @end) as recent
                   from approvals group by approver_id) d on d.approver_id = p.id
        order by p.email collate "C"
        """;

    // The last event of the period. `at` rises with seq (it is read from the clock under the chain's lock), so the primary
    // key read backwards stops at the first event before the end; the index on `at` is a BRIN and keeps no order.
    public const string LastSeq = """
        select seq from audit_events where at < @end order by seq desc limit 1
        """;
}
