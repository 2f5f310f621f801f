using System.Globalization;
using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Workflows.AccessRequests;

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
            BlockKit.Header($"{prefix}h", escalated ? $"Escalated: access request #{r.Id}" : $"Access request #{r.Id}"),
            BlockKit.Section($"{prefix}s", messages.ApprovalRequest(r, escalated)),
            BlockKit.Context($"{prefix}c", messages.ApprovalContext(r)));
        if (r.State == RequestState.Pending)
        {
            blocks.Add(BlockKit.Actions($"{prefix}a",
                BlockKit.Button(ActionIds.Approve, "Approve", r.Id.ToString(), "primary"),
                BlockKit.Button(ActionIds.Deny, "Deny", r.Id.ToString(), "danger")));
        }
        else
        {
            blocks.Add(BlockKit.Section($"{prefix}o", messages.ApprovalClosed(r)));
        }
        return new SlackMessage(Fallback(r, escalated ? "Escalated access request" : "Access request"), blocks);
    }

    public SlackMessage RequesterUpdate(RequestSnapshot r) =>
        new(Fallback(r, "Your access request"), new JsonArray(BlockKit.Section($"{Prefix(r)}u", messages.RequesterUpdate(r))));

    /// <summary>The reminder DM: Extend asks for the same length again, Release ends the grant now.</summary>
    public SlackMessage ExpiringSoon(RequestSnapshot r)
    {
        var prefix = Prefix(r);
        return new SlackMessage(Fallback(r, "Your access expires soon"), new JsonArray(
            BlockKit.Section($"{prefix}x", messages.ExpiringSoon(r)),
            BlockKit.Actions($"{prefix}xa",
                BlockKit.Button(ActionIds.Extend, "Extend", r.Id.ToString(), "primary"),
                BlockKit.Button(ActionIds.Release, "Release now", r.Id.ToString()))));
    }

    public SlackMessage BreakGlass(RequestSnapshot r) => new(Fallback(r, "BREAK-GLASS access"), new JsonArray(
        BlockKit.Header($"{Prefix(r)}bh", $"Break-glass: request #{r.Id}"),
        BlockKit.Section($"{Prefix(r)}b", messages.BreakGlass(r))));

    /// <summary>The engine's instructions (if any) follow as plain_text, so nothing in them is parsed.</summary>
    public SlackMessage ManualAction(RequestSnapshot r, string? instructions)
    {
        var blocks = new JsonArray(BlockKit.Section($"{Prefix(r)}m", messages.ManualAction(r)));
        if (!string.IsNullOrWhiteSpace(instructions)) blocks.Add(BlockKit.PlainSection($"{Prefix(r)}mi", instructions));
        return new SlackMessage(Fallback(r, "Manual action needed"), blocks);
    }

    /// <summary>The engine's alert text goes out as plain_text: nothing in it is parsed, whatever it holds.</summary>
    public SlackMessage SecurityAlert(RequestSnapshot? r, string? text)
    {
        var blocks = new JsonArray(BlockKit.Section("alert-h", messages.SecurityAlert(r)));
        if (!string.IsNullOrWhiteSpace(text)) blocks.Add(BlockKit.PlainSection("alert-t", text));
        return new SlackMessage(SlackText.Truncate("Security alert: " + SlackMrkdwnEscaper.EscapeMrkdwn(text ?? ""), SlackText.FallbackText), blocks);
    }

    private static string Prefix(RequestSnapshot r) => string.Create(CultureInfo.InvariantCulture, $"r{r.Id}v{r.Version}");

    /// <summary>The notification line: short, escaped, no mentions.</summary>
    private static string Fallback(RequestSnapshot r, string what) => SlackText.Truncate(
        $"{what} #{r.Id}: {SlackMrkdwnEscaper.EscapeMrkdwn(r.Requester.DisplayName)} · {SlackMrkdwnEscaper.EscapeMrkdwn(r.Resource)} · {RequestView.Label(r.State)}",
        SlackText.FallbackText);
}
