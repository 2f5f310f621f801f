using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Alerts;

/// <summary>
/// Decides which alert rules one audit event triggers. Read-only: it looks up the request and grant the event is about,
/// and for repeated denials counts the requester's denials in the window ending at the event.
/// </summary>
public sealed class AlertEvaluator(NpgsqlDataSource dataSource, IOptions<AlertOptions> options)
{
    public async Task<IReadOnlyList<Alert>> EvaluateAsync(AuditEvent e, AccessPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(policy);
        var o = options.Value;
        var alerts = new List<Alert>();
        switch (e.Action)
        {
            case "grant.granted" when o.GrantOutsideBusinessHours || o.SensitiveGrant:
            {
                var info = await RequestInfoAsync(e.RequestId, ct);
                var grantedAt = info?.GrantedAt ?? e.At;
                var resource = info?.Resource ?? e.Resource;
                if (o.GrantOutsideBusinessHours && !BusinessHoursCheck.IsWithin(policy.BusinessHours, grantedAt))
                    alerts.Add(Make(AlertRules.GrantOutsideBusinessHours, e, info, grantedAt, AlertFacts.None));
                if (o.SensitiveGrant && resource is not null && policy.FindResource(resource) is { } r && r.Sensitivity >= o.SensitiveFrom)
                    alerts.Add(Make(AlertRules.SensitiveGrant, e, info, grantedAt, new AlertFacts { Sensitivity = r.Sensitivity }));
                break;
            }
            case var action when o.RefusedClick && AuditActions.IsRefusedClick(action):
            {
                var reason = (string?)e.Details["reason"];
                if (reason is not ("SelfApproval" or "NotAnApprover")) break;
                var info = await RequestInfoAsync(e.RequestId, ct);
                alerts.Add(Make(AlertRules.RefusedClick, e, info, e.At, new AlertFacts { Actor = e.Actor, RefusalReason = reason },
                    cause: $"seq:{e.Seq}", permalink: e.Permalink ?? info?.Permalink));
                break;
            }
            case "grant.expired" when o.ReconcileRevocation && AuditActions.IsReconcileRevocation(e):
            {
                var info = await RequestInfoAsync(e.RequestId, ct);
                alerts.Add(Make(AlertRules.ReconcileRevocation, e, info, e.At, AlertFacts.None));
                break;
            }
            case "request.failed" when o.ProvisioningFailed:
            {
                var info = await RequestInfoAsync(e.RequestId, ct);
                alerts.Add(Make(AlertRules.ProvisioningFailed, e, info, e.At, AlertFacts.None));
                break;
            }
            case "drift.detected" when o.ShadowAccess:
            {
                // Each finding is audited once when it opens, so its event is the cause: no alert while it persists.
                var facts = new AlertFacts { Holder = (string?)e.Details["subject"] ?? "?", HolderEmail = (string?)e.Details["email"] };
                alerts.Add(Make(AlertRules.ShadowAccess, e, null, e.At, facts, cause: $"seq:{e.Seq}"));
                break;
            }
            case "request.denied" when o.RepeatedDenials:
            {
                var info = await RequestInfoAsync(e.RequestId, ct);
                if (info is null) break;
                var count = await DenialsInWindowAsync(e, info.RequesterId, o.DenialWindow, ct);
                if (count < o.DenialThreshold) break;
                var subject = $"requester:{info.RequesterId}";
                if (await FiredRecentlyAsync(AlertRules.RepeatedDenials, subject, e, o.DenialWindow, ct)) break;
                alerts.Add(Make(AlertRules.RepeatedDenials, e, info, e.At, new AlertFacts { Count = count, Window = o.DenialWindow },
                    cause: $"{subject}:seq:{e.Seq}", subject: subject));
                break;
            }
        }
        return alerts;
    }

    private static Alert Make(string rule, AuditEvent e, RequestInfo? info, DateTimeOffset at, AlertFacts facts,
        string? cause = null, string? subject = null, string? permalink = null) =>
        new(rule, cause ?? (e.RequestId is { } id ? $"request:{id}" : $"seq:{e.Seq}"), subject, e.RequestId, e.Seq,
            info?.Resource ?? e.Resource, info?.Requester, at, facts, permalink ?? info?.Permalink ?? e.Permalink);

    private sealed record RequestInfo(string Resource, Guid RequesterId, string Requester, string? Permalink, DateTimeOffset? GrantedAt);

    private async Task<RequestInfo?> RequestInfoAsync(long? requestId, CancellationToken ct)
    {
        if (requestId is null) return null;
        await using var command = dataSource.CreateCommand(
            """
            select r.resource, r.requester_id, p.display_name, r.origin_permalink, g.granted_at
            from access_requests r join principals p on p.id = r.requester_id left join grants g on g.request_id = r.id
            where r.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = requestId.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new RequestInfo(reader.GetString(0), reader.GetGuid(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    private async Task<long> DenialsInWindowAsync(AuditEvent e, Guid requester, TimeSpan window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select count(*) from audit_events d join access_requests r on r.id = d.request_id
            where d.action = 'request.denied' and r.requester_id = $1 and d.seq <= $2 and d.at > $3 and d.at <= $4
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = requester });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Seq });
        command.Parameters.Add(Instant((e.At - window).ToUniversalTime()));
        command.Parameters.Add(Instant(e.At.ToUniversalTime()));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    // A burst is reported once: no new alert while an earlier one for the same subject lies within the window.
    private async Task<bool> FiredRecentlyAsync(string rule, string subject, AuditEvent e, TimeSpan window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select exists (select 1 from alerts_fired f join audit_events s on s.seq = f.source_seq
                           where f.rule = $1 and f.subject = $2 and s.seq < $3 and s.at > $4)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rule });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subject });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Seq });
        command.Parameters.Add(Instant((e.At - window).ToUniversalTime()));
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static NpgsqlParameter<DateTimeOffset> Instant(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value };
}
