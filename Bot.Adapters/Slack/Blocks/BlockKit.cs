using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Text;

namespace AccessBot.Adapters.Slack.Blocks;

/// <summary>
/// Small builders for Block Kit JSON. Texts given here are already escaped (mrkdwn) or are plain_text; every builder
/// applies the element's length limit so a long reason can never make Slack reject the whole message.
/// </summary>
public static class BlockKit
{
    public static JsonObject Mrkdwn(string escaped, int max = SlackText.SectionText) =>
        new() { ["type"] = "mrkdwn", ["text"] = SlackText.Truncate(NonEmpty(escaped), max), ["verbatim"] = true };

    public static JsonObject PlainText(string text, int max) =>
        new() { ["type"] = "plain_text", ["text"] = SlackText.Plain(text, max), ["emoji"] = true };

    public static JsonObject Section(string blockId, string escapedMrkdwn) =>
        new() { ["type"] = "section", ["block_id"] = blockId, ["text"] = Mrkdwn(escapedMrkdwn) };

    public static JsonObject PlainSection(string blockId, string text) =>
        new() { ["type"] = "section", ["block_id"] = blockId, ["text"] = PlainText(text, SlackText.SectionText) };

    public static JsonObject Header(string blockId, string text) =>
        new() { ["type"] = "header", ["block_id"] = blockId, ["text"] = PlainText(text, SlackText.HeaderText) };

    public static JsonObject Context(string blockId, string escapedMrkdwn) =>
        new() { ["type"] = "context", ["block_id"] = blockId, ["elements"] = new JsonArray(Mrkdwn(escapedMrkdwn, SlackText.ContextText)) };

    public static JsonObject Actions(string blockId, params JsonObject[] buttons) =>
        new() { ["type"] = "actions", ["block_id"] = blockId, ["elements"] = new JsonArray(buttons.Cast<JsonNode?>().ToArray()) };

    /// <param name="value">The request id: only a pointer, re-checked at every click.</param>
    /// <param name="style">"primary", "danger" or null.</param>
    public static JsonObject Button(string actionId, string text, string value, string? style = null)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = PlainText(text, SlackText.ButtonText),
            ["value"] = value,
        };
        if (style is not null) button["style"] = style;
        return button;
    }

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? " " : text;
}
