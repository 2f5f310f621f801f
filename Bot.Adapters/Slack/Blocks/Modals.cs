using System.Text.Json;
using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Slack.Blocks;

/// <summary>
/// The two modals: the request form (opened when <c>request</c> text is incomplete) and the optional deny comment.
/// <c>private_metadata</c> carries where to answer; Slack keeps it server-side and returns it only to this app.
/// </summary>
public static class Modals
{
    private const int MaxOptions = 100;
    private const int MaxReasonLength = 1000;

    /// <param name="messages">Titles, buttons and input labels come from <c>slack/labels.sbn</c>.</param>
    public static JsonObject RequestForm(SlackMessages messages, AccessPolicy policy, ParsedCommand.RequestForm prefill, Uri? responseUrl, string? channelId)
    {
        var options = new JsonArray();
        JsonObject? initial = null;
        foreach (var resource in policy.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Take(MaxOptions))
        {
            var option = new JsonObject
            {
                ["text"] = BlockKit.PlainText($"{resource.Name} — {resource.Description}", 75),
                ["value"] = resource.Name,
            };
            options.Add(option);
            if (string.Equals(resource.Name, prefill.Resource, StringComparison.Ordinal)) initial = (JsonObject)option.DeepClone();
        }

        var select = new JsonObject { ["type"] = "static_select", ["action_id"] = ViewIds.InputAction, ["options"] = options };
        if (initial is not null) select["initial_option"] = initial;
        var duration = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ViewIds.InputAction, ["max_length"] = 20 };
        if (!string.IsNullOrWhiteSpace(prefill.Duration)) duration["initial_value"] = Cut(prefill.Duration, 20);
        var reason = new JsonObject
        {
            ["type"] = "plain_text_input", ["action_id"] = ViewIds.InputAction, ["multiline"] = true, ["max_length"] = MaxReasonLength,
        };
        if (!string.IsNullOrWhiteSpace(prefill.Reason)) reason["initial_value"] = Cut(prefill.Reason, MaxReasonLength);

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = ViewIds.RequestForm,
            ["title"] = BlockKit.PlainText(messages.Label("request_modal_title"), 24),
            ["submit"] = BlockKit.PlainText(messages.Label("request_modal_submit"), 24),
            ["close"] = BlockKit.PlainText(messages.Label("request_modal_close"), 24),
            ["private_metadata"] = Metadata(new JsonObject { ["u"] = responseUrl?.ToString(), ["c"] = channelId }),
            ["blocks"] = new JsonArray(
                Input(ViewIds.ResourceBlock, messages.Label("resource_input"), select, optional: false),
                Input(ViewIds.DurationBlock, messages.Label("duration_input"), duration, optional: false),
                Input(ViewIds.ReasonBlock, messages.Label("reason_input"), reason, optional: true)),
        };
    }

    public static JsonObject DenyForm(SlackMessages messages, RequestId id, string channelId, string messageTs, Uri? responseUrl) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = ViewIds.DenyForm,
        ["title"] = BlockKit.PlainText(messages.Label("deny_modal_title", id.Value), 24),
        ["submit"] = BlockKit.PlainText(messages.Label("deny_modal_submit"), 24),
        ["close"] = BlockKit.PlainText(messages.Label("deny_modal_close"), 24),
        ["private_metadata"] = Metadata(new JsonObject
        {
            ["r"] = id.Value, ["c"] = channelId, ["m"] = messageTs, ["u"] = responseUrl?.ToString(),
        }),
        ["blocks"] = new JsonArray(Input(ViewIds.CommentBlock, messages.Label("comment_input"),
            new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ViewIds.InputAction, ["multiline"] = true, ["max_length"] = 500 },
            optional: true)),
    };

    /// <summary>Reads a modal's private metadata back; null when it is not ours.</summary>
    public static JsonObject? ReadMetadata(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata)) return null;
        try
        {
            return JsonNode.Parse(metadata) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Metadata(JsonObject value) => value.ToJsonString();

    private static JsonObject Input(string blockId, string label, JsonObject element, bool optional) => new()
    {
        ["type"] = "input",
        ["block_id"] = blockId,
        ["label"] = BlockKit.PlainText(label, 2000),
        ["element"] = element,
        ["optional"] = optional,
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
