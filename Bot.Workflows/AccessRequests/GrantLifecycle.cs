using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Provisioning;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// The grant's side of the lifecycle, driven by jobs: provision an approved request, end an expired grant, clean up the
/// target after a release or revoke. Every method re-reads the request and does nothing when the work is already done,
/// so running it twice is harmless.
/// </summary>
public sealed partial class GrantLifecycle(EngineServices engine, ProvisionerRegistry provisioners)
{
    /// <summary>Runs of the grant job before a transiently failing provisioning is given up (first run + retries).</summary>
    public const int MaxProvisionAttempts = 6;

    /// <summary>
    /// Approved → Active through the resource's provisioner; AwaitingHuman → the operator is told; a transient failure
    /// throws (the job retries) until <see cref="MaxProvisionAttempts"/>, then, like a permanent one, → Failed.
    /// An active request is re-granted, which moves the target's own deadline after an extension.
    /// </summary>
    public async Task ProvisionAsync(RequestId id, CancellationToken ct)
    {
        var policy = engine.Policies.Current;
        var (read, attempt, window) = await LoadCountingAttemptAsync(id, ct);
        if (read is not { } request) return;
        if (request.State == RequestState.Active)
        {
            await RefreshAsync(request, ct);
            return;
        }
        if (request.State != RequestState.Approved || request.AwaitingHumanSince is not null) return;

        var resource = policy.FindResource(request.Resource);
        var provisioner = resource is null ? null : provisioners.Find(resource.Provisioner.Kind);
        if (resource is null || provisioner is null)
        {
            if (resource is not null) Log.NoProvisioner(engine.Logger, id.Value, resource.Provisioner.Kind);
            await FailAsync(id, resource is null ? "resource is no longer in the policy" : "no provisioner of this kind is registered", ct);
            return;
        }

        if (attempt is null) return;
        ProvisionResult result;
        try
        {
            result = await provisioner.GrantAsync(new ProvisioningContext(id, request.Requester, resource, window.ExpiresAt), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && attempt >= MaxProvisionAttempts)
        {
            result = new ProvisionResult.Failed($"provisioner error ({e.GetType().Name})", Permanent: true);
        }

        switch (result)
        {
            case ProvisionResult.Done done:
                await ActivateAsync(request, resource.Provisioner.Kind, done.Detail, provisioner, window, ct);
                break;
            case ProvisionResult.AwaitingHuman human:
                await AwaitHumanAsync(id, resource.Provisioner.Kind, human.Task, ct);
                break;
            case ProvisionResult.Failed failed:
                Log.ProvisioningFailed(engine.Logger, id.Value, failed.Permanent, attempt.Value);
                if (!failed.Permanent && attempt < MaxProvisionAttempts)
                    throw new ProvisioningFailedException($"Provisioning request {id} failed (attempt {attempt}); it will be retried.");
                await FailAsync(id, failed.Reason, ct);
                break;
        }
    }

    /// <summary>
    /// Reads the request and, when it is waiting to be provisioned, counts this run in the database (so retries are bounded
    /// whatever the scheduler does) and reads the grant's window from the database clock; one round trip, committed
    /// before the provisioner runs.
    /// </summary>
    private async Task<(RequestRecord? Request, int? Attempt, GrantWindow Window)> LoadCountingAttemptAsync(
        RequestId id, CancellationToken ct)
    {
        await using var connection = await engine.DataSource.OpenConnectionAsync(ct);
        // The count is taken in the read's statement; the record's columns are as before it (the count is not among them).
        // Provisioning decides on state, version and times, so the approvals are not read.
        // The count need not survive a crash, so its commit does not wait for a WAL flush (set in the same statement, for
        // its implicit transaction only): other runs see it at once, which is what bounds the retries; a crash can lose it
        // and allow one extra attempt, which the provisioner's idempotent grant absorbs.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                RequestReader.LoadCommand(id,
                    with: """
                          counted as (
                              update access_requests set provision_attempts = provision_attempts + 1
                              where id = $1 and state = 'approved' and awaiting_human_since is null
                              returning provision_attempts, now() as started, now() + requested_duration as deadline),
                          no_flush_wait as (select set_config('synchronous_commit', 'off', true))
                          """,
                    moreColumns: ", counted.provision_attempts, counted.started, counted.deadline",
                    moreFrom: " left join counted on true cross join no_flush_wait",
                    approvals: false),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var request = await RequestReader.ReadAsync(reader, ct);
        if (request is null || reader.IsDBNull(RequestReader.FieldCount)) return (request, null, default);
        var attempt = reader.GetInt32(RequestReader.FieldCount);
        var window = new GrantWindow(
            reader.GetFieldValue<DateTimeOffset>(RequestReader.FieldCount + 1), reader.GetFieldValue<DateTimeOffset>(RequestReader.FieldCount + 2));
        return (request, attempt, window);
    }

    /// <param name="read">The request as read before the provisioner ran; if it changed since, the conditional update fails and it is read again.</param>
    /// <param name="window">When the clock started for the provisioner's call, and the deadline the target was given.</param>
    private async Task ActivateAsync(
        RequestRecord read, string kind, string detail, IProvisioner provisioner, GrantWindow window, CancellationToken ct)
    {
        var id = read.Id;
        RequestRecord? known = read;
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            var policy = engine.Policies.Current;
            var current = known ?? await engine.LoadAsync(id, ct);
            known = null;
            if (current is not { } request) return;
            if (request.State != RequestState.Approved)
            {
                // Revoked while the target was being granted: take the access away again.
                if (request.State.IsFinal() && policy.FindResource(request.Resource) is { } resource)
                    await provisioner.RevokeAsync(new ProvisioningContext(id, request.Requester, resource, DateTimeOffset.MinValue), ct);
                return;
            }
            await using var tx = await engine.BeginAsync(ct);
            await GrantTransitions.ActivateAsync(engine, tx, policy, request, kind, Actor.System("provision"),
                new JsonObject { ["provisioner"] = kind, ["detail"] = detail }, ct, window);
            if (!await tx.TryCommitAsync(ct)) continue;
            Log.Transitioned(engine.Logger, id.Value, "granted");
            return;
        }
    }

    private async Task AwaitHumanAsync(RequestId id, string kind, ManualTask instructions, CancellationToken ct)
    {
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            var policy = engine.Policies.Current;
            if (await engine.LoadAsync(id, ct) is not { State: RequestState.Approved, AwaitingHumanSince: null } request) return;
            await using var tx = await engine.BeginAsync(ct);
            if (!await tx.TryUpdateAsync(request, "awaiting_human_since = now()", null, ct)) continue;
            await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("provision"), "grant.awaiting_human", id, request.Resource,
                new JsonObject { ["provisioner"] = kind }), ct);
            await engine.Announce(tx, policy).ManualActionAsync(id, policy.FindResource(request.Resource), instructions, ct);
            await tx.CommitAsync(ct);
            return;
        }
    }

    /// <summary>Approved → Failed, audited, the requester and the security channel told.</summary>
    private async Task FailAsync(RequestId id, string reason, CancellationToken ct)
    {
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            var policy = engine.Policies.Current;
            if (await engine.LoadAsync(id, ct) is not { State: RequestState.Approved } request) return;
            await using var tx = await engine.BeginAsync(ct);
            if (!await tx.TryUpdateAsync(request, "state = 'failed', closed_at = now(), closed_reason = @reason",
                    p => p.AddWithValue("reason", reason), ct))
                continue;
            await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("provision"), "request.failed", id, request.Resource,
                new JsonObject { ["reason"] = reason }), ct);
            var announce = engine.Announce(tx, policy);
            await announce.RequesterAsync(id, request.Requester.Email, ct);
            await announce.ChangedAsync(id, policy.FindResource(request.Resource), ct);
            await announce.SecurityAlertAsync(id, new ProvisioningFailed(id.Value, request.Resource), ct);
            await tx.CommitAsync(ct);
            Log.Transitioned(engine.Logger, id.Value, "failed");
            return;
        }
    }

    /// <summary>Re-grants an active request so the target's own deadline follows an extension; a manual grant needs nothing.</summary>
    private async Task RefreshAsync(RequestRecord request, CancellationToken ct)
    {
        var policy = engine.Policies.Current;
        if (policy.FindResource(request.Resource) is not { } resource || provisioners.Find(resource.Provisioner.Kind) is not { } provisioner)
            return;
        if (request.ExpiresAt is not { } expiresAt) return;
        var result = await provisioner.GrantAsync(new ProvisioningContext(request.Id, request.Requester, resource, expiresAt), ct);
        if (result is ProvisionResult.Failed)
            throw new ProvisioningFailedException($"Refreshing the grant of request {request.Id} failed; it will be retried.");
    }
}

/// <summary>A provisioner call failed in a way that the job should retry.</summary>
public sealed class ProvisioningFailedException(string message) : Exception(message);
