using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// Writes the notification outbox rows of one transition (inside its transaction) and picks their audience from the
/// policy: group members by email, the resource's approval channel, the security channel.
/// </summary>
internal sealed class Announcer(RequestTransaction tx, AccessPolicy policy)
{
    public async Task ApprovalRequestedAsync(RequestId id, ResourcePolicy resource, int step, CancellationToken ct)
    {
        if (step < 1 || step > resource.Steps.Count) return;
        var emails = await GroupEmailsAsync([resource.Steps[step - 1].Group], ct);
        await SendAsync(id, NotificationKind.ApprovalRequested, emails, [RequestRules.ApprovalChannel(resource)], null, ct);
    }

    public Task ChangedAsync(RequestId id, ResourcePolicy? resource, CancellationToken ct) =>
        SendAsync(id, NotificationKind.RequestChanged, [], [RequestRules.ApprovalChannel(resource)], null, ct);

    public Task RequesterAsync(RequestId id, string requesterEmail, CancellationToken ct) =>
        SendAsync(id, NotificationKind.RequesterUpdate, [requesterEmail], [], null, ct);

    public async Task EscalatedAsync(RequestId id, ResourcePolicy resource, ApprovalStep step, CancellationToken ct)
    {
        var emails = await GroupEmailsAsync(step.EscalateTo is { } to ? [to] : [], ct);
        await SendAsync(id, NotificationKind.Escalated, emails, [RequestRules.ApprovalChannel(resource)], null, ct);
    }

    public async Task BreakGlassAsync(RequestId id, ResourcePolicy resource, CancellationToken ct)
    {
        var skipped = await GroupEmailsAsync(resource.Steps.Select(s => s.Group), ct);
        await SendAsync(id, NotificationKind.BreakGlass, skipped,
            [ChannelPolicy.Security, RequestRules.ApprovalChannel(resource)], null, ct);
    }

    public async Task ManualActionAsync(RequestId id, ResourcePolicy? resource, ManualTask task, CancellationToken ct)
    {
        var groups = new List<string>();
        if (policy.AdminGroup is { } admin) groups.Add(admin);
        if (resource is not null) groups.AddRange(resource.Steps.Select(s => s.Group));
        var emails = await GroupEmailsAsync(groups, ct);
        await SendAsync(id, NotificationKind.ManualAction, emails, [RequestRules.ApprovalChannel(resource)], task, ct);
    }

    public Task ExpiringSoonAsync(RequestId id, string requesterEmail, CancellationToken ct) =>
        SendAsync(id, NotificationKind.ExpiringSoon, [requesterEmail], [], null, ct);

    public Task SecurityAlertAsync(RequestId id, Notice notice, CancellationToken ct) =>
        SendAsync(id, NotificationKind.SecurityAlert, [], [ChannelPolicy.Security], notice, ct);

    private Task SendAsync(
        RequestId id, NotificationKind kind, IReadOnlyList<string> emails, IReadOnlyList<string> channels, Notice? notice, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        tx.Enqueue(OutboxWriter.NotifyItem(id, kind, new NotificationAudience(emails, channels), notice));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Members listed by email are used as is; members listed by a platform user id are mapped to the email of the
    /// principal linked to that id (people never seen by the bot cannot be addressed yet and are skipped).
    /// </summary>
    private async Task<IReadOnlyList<string>> GroupEmailsAsync(IEnumerable<string> groups, CancellationToken ct)
    {
        var members = groups.Distinct(StringComparer.Ordinal)
            .Select(policy.FindGroup).OfType<GroupPolicy>().SelectMany(g => g.Members).ToList();
        var emails = members.Where(m => m.Kind == MemberKind.Email).Select(m => m.Value).ToList();
        var byFirst = members.Where(m => m.Kind == MemberKind.SlackUser).Select(m => m.Value).ToArray();
        var bySecond = members.Where(m => m.Kind == MemberKind.TeamsUser).Select(m => m.Value.ToLowerInvariant()).ToArray();
        if (byFirst.Length + bySecond.Length > 0)
        {
            await using var command = tx.Command(
                "select email from principals where slack_user_id = any(@first) or lower(teams_aad_object_id) = any(@second)");
            command.Parameters.AddWithValue("first", byFirst);
            command.Parameters.AddWithValue("second", bySecond);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) emails.Add(reader.GetString(0));
        }
        return emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
