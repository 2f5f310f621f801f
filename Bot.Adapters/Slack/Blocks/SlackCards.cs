using System.Globalization;
using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Adapters.Slack.Blocks;

/// <summary>
/// Block Kit messages built from engine records; every text comes from a template (<see cref="SlackMessages"/>).
/// Block ids carry the request's version so each update is a new iteration, as Slack asks.
/// </summary>
public sealed class SlackCards(SlackMessages messages)
{
    /// <summary>The approval message: who, what, how long, why, the step, flags, and Approve / Deny while pending.</summary>
    public SlackMessage Approval(RequestSnapshot r, bool escalated)
    {
        var prefix = Prefix(r);
        var blocks = new JsonArray(
            BlockKit.Header($"{prefix}h", messages.Label(escalated ? "escalated_header" : "approval_header", r.Id.Value)),
            BlockKit.Section($"{prefix}s", messages.ApprovalRequest(r, escalated)),
            BlockKit.Context($"{prefix}c", messages.ApprovalContext(r)));
        if (r.State == RequestState.Pending)
        {
            blocks.Add(BlockKit.Actions($"{prefix}a",
                BlockKit.Button(ActionIds.Approve, messages.Label("approve"), r.Id.ToString(), "primary"),
                BlockKit.Button(ActionIds.Deny, messages.Label("deny"), r.Id.ToString(), "danger")));
        }
        else
        {
            blocks.Add(BlockKit.Section($"{prefix}o", messages.ApprovalClosed(r)));
        }
        return new SlackMessage(messages.Fallback(r, escalated ? "escalated" : "approval"), blocks);
    }

    public SlackMessage RequesterUpdate(RequestSnapshot r) =>
        new(messages.Fallback(r, "requester"), new JsonArray(BlockKit.Section($"{Prefix(r)}u", messages.RequesterUpdate(r))));

    /// <summary>The reminder DM: Extend asks for the same length again, Release ends the grant now.</summary>
    public SlackMessage ExpiringSoon(RequestSnapshot r)
    {
        var prefix = Prefix(r);
        return new SlackMessage(messages.Fallback(r, "expiring"), new JsonArray(
            BlockKit.Section($"{prefix}x", messages.ExpiringSoon(r)),
            BlockKit.Actions($"{prefix}xa",
                BlockKit.Button(ActionIds.Extend, messages.Label("extend"), r.Id.ToString(), "primary"),
                BlockKit.Button(ActionIds.Release, messages.Label("release"), r.Id.ToString()))));
    }

    public SlackMessage BreakGlass(RequestSnapshot r) => new(messages.Fallback(r, "break_glass"), new JsonArray(
        BlockKit.Header($"{Prefix(r)}bh", messages.Label("break_glass_header", r.Id.Value)),
        BlockKit.Section($"{Prefix(r)}b", messages.BreakGlass(r))));

    /// <summary>
    /// The task is worded by <c>slack/notices/manual_task.sbn</c>; text from a notification queued before tasks were typed
    /// follows as plain_text, so nothing in it is parsed.
    /// </summary>
    public SlackMessage ManualAction(RequestSnapshot r, Notice? task, string? legacyText)
    {
        var blocks = new JsonArray(BlockKit.Section($"{Prefix(r)}m", messages.ManualAction(r)));
        if (task is not null) blocks.Add(BlockKit.Section($"{Prefix(r)}mi", messages.Notice(task)));
        else if (!string.IsNullOrWhiteSpace(legacyText)) blocks.Add(BlockKit.PlainSection($"{Prefix(r)}mi", legacyText));
        return new SlackMessage(messages.Fallback(r, "manual"), blocks);
    }

    /// <summary>
    /// A typed notice is worded by its template; text already rendered elsewhere (the digest, alerts) goes out as
    /// plain_text, so nothing in it is parsed, whatever it holds.
    /// </summary>
    public SlackMessage SecurityAlert(RequestSnapshot? r, Notice? notice, string? text)
    {
        var headline = messages.SecurityAlert(r);
        var blocks = new JsonArray(BlockKit.Section("alert-h", headline));
        var detail = notice is null ? null : messages.Notice(notice);
        if (detail is not null) blocks.Add(BlockKit.Section("alert-n", detail));
        else if (!string.IsNullOrWhiteSpace(text)) blocks.Add(BlockKit.PlainSection("alert-t", text));
        var line = detail ?? SlackMrkdwnEscaper.EscapeMrkdwn(text ?? "");
        return new SlackMessage(SlackText.Truncate(line.Length == 0 ? headline : $"{headline}: {line}", SlackText.FallbackText), blocks);
    }

    private static string Prefix(RequestSnapshot r) => string.Create(CultureInfo.InvariantCulture, $"r{r.Id}v{r.Version}");

}
