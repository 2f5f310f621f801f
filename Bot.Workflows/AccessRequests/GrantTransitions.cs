using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>Transition pieces shared by commands and jobs; each runs inside the caller's transaction.</summary>
internal static class GrantTransitions
{
    /// <summary>
    /// Approved → Active: the access clock starts (database time), the grant row is written, and the expiry and reminder
    /// are scheduled. False when the request was no longer the one read.
    /// </summary>
    /// <param name="window">
    /// The clock read when the provisioner was called, for a provisioner's grant: the update then goes with the commit
    /// (<see cref="RequestTransaction.UpdateAtCommit"/>, so the caller commits with <see cref="RequestTransaction.TryCommitAsync"/>),
    /// as nothing before it depends on the database. Null when a person confirms a grant made by hand: the clock starts now.
    /// </param>
    public static async Task<bool> ActivateAsync(
        EngineServices engine, RequestTransaction tx, AccessPolicy policy, RequestRecord request, string provisionerKind,
        Actor actor, JsonObject details, CancellationToken ct, GrantWindow? window = null)
    {
        DateTimeOffset expiresAt;
        if (window is { } known)
        {
            // The grant row is written by the same statement; should the update lose, the transaction is abandoned with it.
            tx.UpdateAtCommit(request,
                "state = 'active', granted_at = @granted_at, expires_at = @expires_at, awaiting_human_since = null",
                p =>
                {
                    p.AddWithValue("granted_at", known.GrantedAt);
                    p.AddWithValue("expires_at", known.ExpiresAt);
                    p.AddWithValue("principal", request.Requester.Id.Value);
                    p.AddWithValue("resource", request.Resource);
                    p.AddWithValue("kind", provisionerKind);
                },
                with: """
                      granted as (
                          insert into grants (request_id, principal_id, resource, provisioner, granted_at, expires_at)
                          values (@id, @principal, @resource, @kind, @granted_at, @expires_at))
                      """);
            expiresAt = known.ExpiresAt;
        }
        else
        {
            // The conditional update and the grant row in one statement: no grant row unless this transition won the update.
            await using var activate = tx.Command(
                """
                with activated as (
                    update access_requests
                    set state = 'active', granted_at = now(), expires_at = now() + requested_duration, awaiting_human_since = null,
                        version = version + 1
                    where id = @id and version = @version and state = @expected_state
                    returning id, requester_id, resource, granted_at, expires_at)
                insert into grants (request_id, principal_id, resource, provisioner, granted_at, expires_at)
                select id, requester_id, resource, @kind, granted_at, expires_at from activated
                returning expires_at
                """);
            activate.Parameters.AddWithValue("id", request.Id.Value);
            activate.Parameters.AddWithValue("version", request.Version);
            activate.Parameters.AddWithValue("expected_state", request.State.ToDb());
            activate.Parameters.AddWithValue("kind", provisionerKind);
            if (await activate.ExecuteScalarAsync(ct) is not { } value) return false;
            expiresAt = SqlCommandExtensions.AsUtc(value);
        }

        details["expires_at"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        details["duration"] = DurationText.Format(request.Duration);
        await EngineServices.AuditAsync(tx, new AuditRecord(actor, "grant.granted", request.Id, request.Resource, details), ct);
        await ScheduleGrantTimersAsync(engine, tx, policy, request.Id, expiresAt, ct);
        var announce = engine.Announce(tx, policy);
        await announce.RequesterAsync(request.Id, request.Requester.Email, ct);
        await announce.ChangedAsync(request.Id, policy.FindResource(request.Resource), ct);
        return true;
    }

    public static async Task ScheduleGrantTimersAsync(
        EngineServices engine, RequestTransaction tx, AccessPolicy policy, RequestId id, DateTimeOffset expiresAt, CancellationToken ct)
    {
        tx.Enqueue(new OutboxItem(OutboxKinds.Expire, id, RunAt: expiresAt));
        if (policy.Defaults.RemindBefore > TimeSpan.Zero)
            tx.Enqueue(new OutboxItem(OutboxKinds.Remind, id, RunAt: expiresAt - policy.Defaults.RemindBefore));
    }

    /// <summary>
    /// Push the original grant's expiry out by the extension's duration. Conditional on the original still being active,
    /// so an extension can never revive a grant that already ended. Returns the new expiry, or null.
    /// </summary>
    public static async Task<DateTimeOffset?> ApplyExtensionAsync(
        EngineServices engine, RequestTransaction tx, AccessPolicy policy, RequestRecord extension, Actor actor, CancellationToken ct)
    {
        var originalId = extension.ExtendsRequestId ?? throw new InvalidOperationException("Not an extension.");
        DateTimeOffset newExpiry;
        await using (var update = tx.Command(
            """
            update access_requests set expires_at = expires_at + @duration, version = version + 1
            where id = @id and state = 'active'
            returning expires_at
            """))
        {
            update.Parameters.AddWithValue("duration", extension.Duration);
            update.Parameters.AddWithValue("id", originalId.Value);
            if (await update.ExecuteScalarAsync(ct) is not DateTime value) return null;
            newExpiry = SqlCommandExtensions.AsUtc(value);
        }
        await using (var grant = tx.Command("update grants set expires_at = @expires where request_id = @id"))
        {
            grant.Parameters.AddWithValue("expires", newExpiry);
            grant.Parameters.AddWithValue("id", originalId.Value);
            await grant.ExecuteNonQueryAsync(ct);
        }

        var details = new JsonObject
        {
            ["extension_request"] = extension.Id.Value,
            ["added"] = DurationText.Format(extension.Duration),
            ["expires_at"] = newExpiry.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        await EngineServices.AuditAsync(tx, new AuditRecord(actor, "grant.extended", originalId, extension.Resource, details), ct);
        await ScheduleGrantTimersAsync(engine, tx, policy, originalId, newExpiry, ct);
        // The target's own deadline (e.g. a role's VALID UNTIL) must move too: the grant job refreshes an active grant.
        tx.Enqueue(new OutboxItem(OutboxKinds.Provision, originalId));
        var announce = engine.Announce(tx, policy);
        await announce.RequesterAsync(originalId, extension.Requester.Email, ct);
        await announce.ChangedAsync(originalId, policy.FindResource(extension.Resource), ct);
        return newExpiry;
    }

    /// <summary>The work that follows a request reaching Approved: provision it, or apply it when it is an extension.</summary>
    public static async Task AfterApprovedAsync(
        EngineServices engine, RequestTransaction tx, AccessPolicy policy, RequestRecord approved, Actor actor, CancellationToken ct)
    {
        var announce = engine.Announce(tx, policy);
        if (!approved.IsExtension)
        {
            tx.Enqueue(new OutboxItem(OutboxKinds.Provision, approved.Id));
            await announce.RequesterAsync(approved.Id, approved.Requester.Email, ct);
            return;
        }

        var newExpiry = await ApplyExtensionAsync(engine, tx, policy, approved, actor, ct);
        // The extension request itself grants nothing: it is closed here, applied or (original already ended) failed.
        await tx.Command("update access_requests set closed_at = now(), closed_reason = @reason, state = @state where id = @id")
            .WithParameters(
                ("reason", newExpiry is null ? "original grant no longer active" : "extension applied"),
                ("state", (newExpiry is null ? RequestState.Failed : RequestState.Approved).ToDb()),
                ("id", approved.Id.Value))
            .ExecuteAndDisposeAsync(ct);
        if (newExpiry is null)
            await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.failed", approved.Id, approved.Resource,
                new JsonObject { ["reason"] = "original grant no longer active" }), ct);
        await announce.RequesterAsync(approved.Id, approved.Requester.Email, ct);
    }
}
