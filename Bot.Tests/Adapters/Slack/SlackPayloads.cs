using System.Text.Json.Nodes;

namespace AccessBot.Tests.Adapters.Slack;

/// <summary>Interactivity bodies as Slack posts them: <c>payload=</c> + URL-encoded JSON.</summary>
internal static class SlackPayloads
{
    public static string Click(string actionId, string value, string channel, string ts, Uri responseUrl,
        string team = SlackTestKit.TeamId, string user = "U0BOB") => Form(new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = team, ["domain"] = "test" },
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = team },
            ["api_app_id"] = "A0APP",
            ["trigger_id"] = "777.888.xyz",
            ["response_url"] = responseUrl.ToString(),
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "approvals" },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "r812v1a", ["value"] = value, ["action_ts"] = "1.2",
            }),
        });

    public static string Submission(string callbackId, JsonObject values, string? privateMetadata = null, string user = "U0ALICE") => Form(new JsonObject
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = SlackTestKit.TeamId },
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = SlackTestKit.TeamId },
        ["trigger_id"] = "999.1.z",
        ["view"] = new JsonObject
        {
            ["id"] = "V1", ["callback_id"] = callbackId, ["private_metadata"] = privateMetadata ?? "",
            ["state"] = new JsonObject { ["values"] = values },
        },
        ["response_urls"] = new JsonArray(),
    });

    public static JsonObject Input(string value) => new() { ["input"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };

    public static JsonObject Select(string value) => new()
    {
        ["input"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } },
    };

    private static string Form(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());
}
