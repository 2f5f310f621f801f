using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Provisioning;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

public sealed partial class GrantLifecycle
{
    /// <summary>
    /// Active → Expired when the database clock says the grant is due: revoke through the provisioner, then record the
    /// end. Returns what happened; <see cref="ExpiryResult.NotDue"/> carries the time left (the caller reschedules).
    /// </summary>
    /// <exception cref="ProvisioningFailedException">The target refused the revoke; the state stays Active and the job retries.</exception>
    public async Task<ExpiryResult> ExpireAsync(RequestId id, Actor actor, CancellationToken ct)
    {
        var revoked = false;
        ManualTask? instructions = null;
        var detail = "";
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            var policy = engine.Policies.Current;
            var (read, left) = await LoadWithTimeLeftAsync(id, ct);
            if (read is not { State: RequestState.Active } request)
                return new ExpiryResult.NothingToDo();
            if (left > TimeSpan.Zero)
            {
                // Extended after the target was already revoked: put the access back for the new expiry.
                if (revoked) await engine.Outbox.WriteOutsideAsync(engine.DataSource, new OutboxItem(OutboxKinds.Provision, id), ct);
                return new ExpiryResult.NotDue(left);
            }

            var resource = policy.FindResource(request.Resource);
            var provisioner = resource is null ? null : provisioners.Find(resource.Provisioner.Kind);
            if (!revoked && resource is not null && provisioner is not null)
            {
                var context = new ProvisioningContext(id, request.Requester, resource, request.ExpiresAt ?? DateTimeOffset.MinValue);
                switch (await provisioner.RevokeAsync(context, ct))
                {
                    case ProvisionResult.Done done:
                        detail = done.Detail;
                        break;
                    case ProvisionResult.AwaitingHuman human:
                        instructions = human.Task;
                        break;
                    case ProvisionResult.Failed failed:
                        Log.ProvisioningFailed(engine.Logger, id.Value, failed.Permanent, 0);
                        throw new ProvisioningFailedException($"Revoking request {id} at expiry failed; it will be retried.");
                }
                revoked = true;
            }

            await using var tx = await engine.BeginAsync(ct);
            // The grant row is closed by the same statement, sent with the commit; when the request's conditional update
            // loses, the transaction is abandoned, and that grant update with it.
            tx.UpdateAtCommit(request, "state = 'expired', closed_at = now(), closed_reason = 'expired'",
                p => p.AddWithValue("revoked", revoked), condition: "expires_at <= now()",
                with: """
                      closed_grant as (
                          update grants set revoked_at = now(), revoke_reason = 'expired',
                              deprovisioned_at = case when @revoked then now() end
                          where request_id = @id and revoked_at is null)
                      """);
            var details = new JsonObject { ["provisioner"] = resource?.Provisioner.Kind, ["detail"] = detail, ["target_revoked"] = revoked };
            await EngineServices.AuditAsync(tx, new AuditRecord(actor, "grant.expired", id, request.Resource, details), ct);
            var announce = engine.Announce(tx, policy);
            await announce.RequesterAsync(id, request.Requester.Email, ct);
            await announce.ChangedAsync(id, resource, ct);
            if (instructions is not null) await announce.ManualActionAsync(id, resource, instructions, ct);
            if (!revoked)
                await announce.SecurityAlertAsync(id, new ExpiredNotRevoked(id.Value, request.Resource), ct);
            if (!await tx.TryCommitAsync(ct)) continue;
            Log.Transitioned(engine.Logger, id.Value, "expired");
            return new ExpiryResult.Expired();
        }
        throw new InvalidOperationException($"Request {id} kept changing; gave up after {EngineServices.MaxAttempts} attempts.");
    }

    /// <summary>
    /// After a release or revoke: take the access away in the target once. Manual grants produce instructions for a person.
    /// </summary>
    public async Task DeprovisionAsync(RequestId id, CancellationToken ct)
    {
        var policy = engine.Policies.Current;
        if (await engine.LoadAsync(id, ct) is not { State: RequestState.Revoked } request) return;
        if (!await HasOpenTargetAsync(id, ct)) return;
        var resource = policy.FindResource(request.Resource);
        var provisioner = resource is null ? null : provisioners.Find(resource.Provisioner.Kind);

        ProvisionResult result = resource is null || provisioner is null
            ? new ProvisionResult.AwaitingHuman(new ManualTask(ManualStep.Remove, id.Value, request.Resource, request.Requester.Email))
            : await provisioner.RevokeAsync(new ProvisioningContext(id, request.Requester, resource, request.ExpiresAt ?? DateTimeOffset.MinValue), ct);
        if (result is ProvisionResult.Failed)
            throw new ProvisioningFailedException($"Revoking request {id} in the target failed; it will be retried.");

        await using var tx = await engine.BeginAsync(ct);
        var updated = await tx.Command("update grants set deprovisioned_at = now() where request_id = @id and deprovisioned_at is null")
            .WithParameters(("id", id.Value)).ExecuteAndDisposeAsync(ct);
        if (updated == 0) return;
        var details = new JsonObject
        {
            ["provisioner"] = resource?.Provisioner.Kind,
            ["detail"] = result is ProvisionResult.Done done ? done.Detail : "",
            ["by_hand"] = result is ProvisionResult.AwaitingHuman,
        };
        await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("deprovision"), "grant.deprovisioned", id, request.Resource, details), ct);
        if (result is ProvisionResult.AwaitingHuman human)
            await engine.Announce(tx, policy).ManualActionAsync(id, resource, human.Task, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The request and, by the database clock, the time its grant has left (zero when due), in one statement.</summary>
    private async Task<(RequestRecord? Request, TimeSpan Left)> LoadWithTimeLeftAsync(RequestId id, CancellationToken ct)
    {
        await using var connection = await engine.DataSource.OpenConnectionAsync(ct);
        // One column after the record's: what the grant has left (zero once due; null without a grant). The expiry decides
        // on state, version and times, so the approvals are not read.
        var read = RequestReader.LoadCommand(id, null, ", greatest(r.expires_at - now(), interval '0')", "", approvals: false);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { read } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var request = await RequestReader.ReadAsync(reader, ct);
        var left = request is null || reader.IsDBNull(RequestReader.FieldCount)
            ? TimeSpan.Zero
            : reader.GetFieldValue<TimeSpan>(RequestReader.FieldCount);
        return (request, left);
    }

    private async Task<bool> HasOpenTargetAsync(RequestId id, CancellationToken ct)
    {
        await using var connection = await engine.DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "select exists (select 1 from grants where request_id = @id and deprovisioned_at is null)", connection);
        command.Parameters.AddWithValue("id", id.Value);
        return await command.ExecuteScalarAsync(ct) is true;
    }
}

/// <summary>What an expiry attempt did.</summary>
public abstract record ExpiryResult
{
    private ExpiryResult() { }

    public sealed record Expired : ExpiryResult;

    /// <summary>The database clock says the grant has <paramref name="Remaining"/> left.</summary>
    public sealed record NotDue(TimeSpan Remaining) : ExpiryResult;

    /// <summary>Not active (already ended, or never granted).</summary>
    public sealed record NothingToDo : ExpiryResult;
}
