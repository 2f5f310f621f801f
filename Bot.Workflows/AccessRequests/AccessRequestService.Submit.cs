using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

public sealed partial class AccessRequestService
{
    public Task<SubmitOutcome> SubmitAsync(SubmitRequest command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return FileAsync(command, null, ct);
    }

    public async Task<SubmitOutcome> ExtendAsync(ExtendRequest command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Requester.Principal is not { } requester) return new SubmitOutcome.Refused(NoPerson(RefusedCommand.Extend));
        if (await engine.LoadAsync(command.RequestId, ct) is not { } original) return new SubmitOutcome.NotFound();
        if (!IsRequester(original, requester))
            return SubmitRefused(Refusal.NotRequester, About(RefusedCommand.Extend, original));
        if (original.State != RequestState.Active)
            return SubmitRefused(Refusal.NotActive, About(RefusedCommand.Extend, original));
        var submit = new SubmitRequest(command.Requester, original.Resource, command.Duration, command.Reason, command.Origin);
        return await FileAsync(submit, original, ct);
    }

    /// <summary>Files a request (or an extension of <paramref name="original"/>) in one transaction.</summary>
    private async Task<SubmitOutcome> FileAsync(SubmitRequest command, RequestRecord? original, CancellationToken ct)
    {
        var verb = original is null ? RefusedCommand.Submit : RefusedCommand.Extend;
        if (command.Requester.Principal is not { } requester) return new SubmitOutcome.Refused(NoPerson(verb));
        var policy = engine.Policies.Current;
        if (policy.FindResource(command.Resource) is not { } resource)
            return SubmitRefused(Refusal.UnknownResource, new RefusalFacts(verb) { Resource = command.Resource, RequestId = original?.Id });
        if (RequestRules.CheckSubmission(resource, command.Duration, command.Reason, out var duration) is { } refusal)
            return new SubmitOutcome.Refused(refusal with { Facts = refusal.Facts with { Command = verb, RequestId = original?.Id } });
        var auto = RequestRules.IsAutoApproved(policy, resource, requester, duration);
        if (!auto && resource.Steps.Count == 0)
            return SubmitRefused(Refusal.NotAllowed,
                new RefusalFacts(verb) { Resource = resource.Name, Duration = duration, Condition = RefusalCondition.NoApprovalChain });

        // A pending request goes in with its audit and outbox rows and the commit, in one round trip, so its id is drawn
        // first (before the transaction takes a connection of its own).
        RequestId? drawn = auto ? null : await engine.RequestIds.NextAsync(ct);
        RequestId id;
        RequestRecord filed;
        await using (var tx = await engine.BeginAsync(ct))
        {
            if (drawn is null)
            {
                id = (await InsertNowAsync(tx, policy, resource, requester, duration, command, RequestState.Approved, breakGlass: false,
                    original?.Id, ct)).Id;
            }
            else
            {
                id = drawn.Value;
                var (before, insert) = InsertCommands(policy, resource, requester, duration, command, RequestState.Pending,
                    breakGlass: false, original?.Id, policy.Defaults.MaxPendingPerRequester, id);
                tx.InsertAtCommit(before, insert);
            }
            var details = new JsonObject
            {
                ["duration"] = DurationText.Format(duration),
                ["reason"] = command.Reason ?? "",
                ["policy_version"] = policy.Version,
                ["steps"] = resource.Steps.Count,
                ["origin_channel"] = command.Origin.Channel,
            };
            if (original is not null) details["extends_request"] = original.Id.Value;
            await EngineServices.AuditAsync(tx, new AuditRecord(command.Requester, "request.submitted", id, resource.Name, details), ct);

            var announce = engine.Announce(tx, policy);
            if (auto)
            {
                await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("auto-approve"), "request.approved", id, resource.Name,
                    new JsonObject { ["auto_approved"] = true, ["rule_groups"] = new JsonArray([.. resource.AutoApprove!.RequesterGroups.Select(g => (JsonNode?)g)]) }), ct);
                var approved = await tx.ReloadAsync(id, ct) ?? throw new InvalidOperationException("Inserted request not found.");
                await GrantTransitions.AfterApprovedAsync(engine, tx, policy, approved, Actor.System("auto-approve"), ct);
            }
            else
            {
                await announce.ApprovalRequestedAsync(id, resource, 1, ct);
                await announce.RequesterAsync(id, requester.Email, ct);
                await ScheduleStepTimersAsync(tx, resource, id, 1, ct);
                tx.Enqueue(new OutboxItem(OutboxKinds.TimeOut, id, Delay: RequestRules.PendingTimeout(policy, resource)));
            }
            // A pending request is committed as inserted; an auto-approved one changed after its insert.
            if (auto)
            {
                filed = await tx.CommitAndReloadAsync(id, ct);
            }
            else if (await tx.TryCommitAndReadRowAsync(r => RequestReader.MapRequest(r, requester, []), ct) is { } inserted)
            {
                filed = inserted;
            }
            else
            {
                // The insert's own condition refused it: the requester already has the most pending requests allowed.
                return SubmitRefused(Refusal.TooManyPending, new RefusalFacts(verb)
                {
                    Resource = resource.Name, Pending = await CountPendingAsync(requester, ct),
                    PendingLimit = policy.Defaults.MaxPendingPerRequester,
                });
            }
        }
        engine.PendingRequests.Remember(filed);
        Log.Submitted(engine.Logger, id.Value, resource.Name, auto);
        return new SubmitOutcome.Submitted(filed.ToSnapshot(policy));
    }

    public async Task<SubmitOutcome> BreakGlassAsync(SubmitRequest command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Requester.Principal is not { } requester) return new SubmitOutcome.Refused(NoPerson(RefusedCommand.BreakGlass));
        var policy = engine.Policies.Current;
        if (policy.FindResource(command.Resource) is not { } resource)
            return SubmitRefused(Refusal.UnknownResource, new RefusalFacts(RefusedCommand.BreakGlass) { Resource = command.Resource });
        if (RequestRules.CheckBreakGlass(policy, resource, requester, command.Duration, command.Reason, out var duration) is { } refusal)
            return new SubmitOutcome.Refused(refusal);

        RequestId id;
        RequestRecord filed;
        await using (var tx = await engine.BeginAsync(ct))
        {
            id = (await InsertNowAsync(tx, policy, resource, requester, duration, command, RequestState.Approved, breakGlass: true, null, ct)).Id;
            await tx.Command("insert into reviews (request_id) values (@id)").WithParameters(("id", id.Value)).ExecuteAndDisposeAsync(ct);
            await EngineServices.AuditAsync(tx, new AuditRecord(command.Requester, "break_glass.used", id, resource.Name, new JsonObject
            {
                ["duration"] = DurationText.Format(duration),
                ["reason"] = command.Reason,
                ["policy_version"] = policy.Version,
                ["skipped_groups"] = new JsonArray([.. resource.Steps.Select(s => (JsonNode?)s.Group)]),
                ["review_opened"] = true,
            }), ct);
            await engine.Announce(tx, policy).BreakGlassAsync(id, resource, ct);
            var approved = await tx.ReloadAsync(id, ct) ?? throw new InvalidOperationException("Inserted request not found.");
            await GrantTransitions.AfterApprovedAsync(engine, tx, policy, approved, command.Requester, ct);
            filed = await tx.CommitAndReloadAsync(id, ct);
        }
        Log.BreakGlass(engine.Logger, id.Value, resource.Name);
        return new SubmitOutcome.Submitted(filed.ToSnapshot(policy));
    }

    /// <summary>
    /// The statements that insert a request, the last returning it (<see cref="RequestReader.RequestColumns"/>). With a
    /// <paramref name="pendingCap"/>, the requester's submissions are serialised first (so the cap cannot be raced past)
    /// and nothing is inserted when the requester already has that many pending requests. An extension also row-locks the
    /// request it extends. With an <paramref name="id"/> drawn beforehand, the row gets that id instead of the next one.
    /// </summary>
    private static (List<NpgsqlBatchCommand> Before, NpgsqlBatchCommand Insert) InsertCommands(
        AccessPolicy policy, ResourcePolicy resource, Principal requester, TimeSpan duration, SubmitRequest command,
        RequestState state, bool breakGlass, RequestId? extends, long? pendingCap, RequestId? id)
    {
        var before = new List<NpgsqlBatchCommand>();
        if (!breakGlass)
            before.Add(new NpgsqlBatchCommand("select pg_advisory_xact_lock(hashtextextended(@key, 0))")
            {
                Parameters = { new NpgsqlParameter<string>("key", "requester:" + requester.Id) },
            });
        if (extends is { } original)
            before.Add(new NpgsqlBatchCommand("select 1 from access_requests where id = @extends for update")
            {
                Parameters = { new NpgsqlParameter<long>("extends", original.Value) },
            });

        var pending = state == RequestState.Pending;
        var insert = new NpgsqlBatchCommand(
            $"""
            insert into access_requests ({(id is null ? "" : "id, ")}requester_id, resource, requested_duration, reason, state,
                current_step, total_steps, step_started_at, break_glass, auto_approved, policy_version, origin_platform,
                origin_channel, origin_permalink, extends_request_id, decided_at)
            {(id is null ? "" : "overriding system value ")}
            select {(id is null ? "" : "@id, ")}@requester, @resource, @duration, @reason, @state, @step, @total,
                case when @pending then now() end, @break_glass, @auto, @policy_version, @platform, @channel::text, @permalink::text,
                @extends::bigint, case when @pending then null else now() end
            where @cap::bigint is null
               or (select count(*) from access_requests where requester_id = @requester and state = 'pending') < @cap::bigint
            returning {RequestReader.RequestColumns}
            """);
        var parameters = insert.Parameters;
        if (id is { } given) parameters.AddWithValue("id", given.Value);
        foreach (var (name, value) in new (string, object?)[]
                 {
                     ("requester", requester.Id.Value), ("resource", resource.Name), ("duration", duration),
                     ("reason", command.Reason?.Trim() ?? ""), ("state", state.ToDb()), ("step", pending ? 1 : 0),
                     ("total", resource.Steps.Count), ("pending", pending), ("break_glass", breakGlass),
                     ("auto", !pending && !breakGlass), ("policy_version", policy.Version), ("platform", command.Origin.Platform),
                     ("channel", command.Origin.Channel), ("permalink", command.Origin.Permalink), ("extends", extends?.Value),
                     ("cap", pendingCap),
                 })
            parameters.AddWithValue(name, value ?? DBNull.Value);
        return (before, insert);
    }

    /// <summary>
    /// Inserts an approved request (auto-approved or break-glass) in a round trip of its own, before the rest of its
    /// transition, which reads it again. Such a request has no pending cap, so the insert always happens.
    /// </summary>
    private static async Task<RequestRecord> InsertNowAsync(
        RequestTransaction tx, AccessPolicy policy, ResourcePolicy resource, Principal requester, TimeSpan duration,
        SubmitRequest command, RequestState state, bool breakGlass, RequestId? extends, CancellationToken ct)
    {
        var (before, insert) = InsertCommands(policy, resource, requester, duration, command, state, breakGlass, extends, null, null);
        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
        foreach (var statement in before) batch.BatchCommands.Add(statement);
        batch.BatchCommands.Add(insert);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var _ in before) await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct)
            ? RequestReader.MapRequest(reader, requester, [])
            : throw new InvalidOperationException("A request without a pending cap was not inserted.");
    }

    /// <summary>How many pending requests <paramref name="requester"/> has, for the refusal that names the cap.</summary>
    private async Task<long> CountPendingAsync(Principal requester, CancellationToken ct)
    {
        await using var count = engine.DataSource.CreateCommand(
            "select count(*) from access_requests where requester_id = $1 and state = 'pending'");
        count.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = requester.Id.Value });
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Escalation for a step that just started, when the policy sets one.</summary>
    private async Task ScheduleStepTimersAsync(RequestTransaction tx, ResourcePolicy resource, RequestId id, int step, CancellationToken ct)
    {
        if (step < 1 || step > resource.Steps.Count || resource.Steps[step - 1].EscalateAfter is not { } after) return;
        tx.Enqueue(new OutboxItem(OutboxKinds.Escalate, id, new JsonObject { ["step"] = step }, Delay: after));
    }
}
