using System.Text.Json;

namespace AccessBot.Adapters.Slack.Interactions;

/// <summary>Reads the <c>payload</c> form field's JSON into an <see cref="Interaction"/>; null when it is not one.</summary>
public static class InteractionParser
{
    public static Interaction? Parse(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "type") is not { } type) return null;
            var user = Obj(root, "user");
            if (user is null || Str(user.Value, "id") is not { Length: > 0 } userId) return null;

            var team = Obj(root, "team");
            var container = Obj(root, "container");
            var channel = Obj(root, "channel");
            var view = Obj(root, "view");
            Uri? responseUrl = Uri.TryCreate(Str(root, "response_url"), UriKind.Absolute, out var url) ? url : null;
            // view_submission carries its URL in response_urls when a modal asks for one.
            if (responseUrl is null && root.TryGetProperty("response_urls", out var urls) && urls.ValueKind == JsonValueKind.Array
                && urls.GetArrayLength() > 0 && Uri.TryCreate(Str(urls[0], "response_url"), UriKind.Absolute, out var first))
                responseUrl = first;

            return new Interaction(
                type,
                team is null ? null : Str(team.Value, "id"),
                userId,
                Str(user.Value, "team_id"),
                Str(root, "trigger_id"),
                responseUrl,
                (container is null ? null : Str(container.Value, "channel_id")) ?? (channel is null ? null : Str(channel.Value, "id")),
                container is null ? null : Str(container.Value, "message_ts"),
                container is { } c && c.TryGetProperty("is_ephemeral", out var eph) && eph.ValueKind == JsonValueKind.True,
                Actions(root),
                view is null ? null : Str(view.Value, "callback_id"),
                view is null ? null : Str(view.Value, "private_metadata"),
                view is null ? new Dictionary<string, IReadOnlyDictionary<string, string?>>() : State(view.Value));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<BlockAction> Actions(JsonElement root)
    {
        var list = new List<BlockAction>();
        if (!root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array) return list;
        foreach (var action in actions.EnumerateArray())
            if (Str(action, "action_id") is { } id) list.Add(new BlockAction(id, Str(action, "value")));
        return list;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string?>> State(JsonElement view)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        if (Obj(view, "state") is not { } state || Obj(state, "values") is not { } values) return result;
        foreach (var block in values.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object) continue;
            var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var input in block.Value.EnumerateObject())
            {
                if (input.Value.ValueKind != JsonValueKind.Object) continue;
                inputs[input.Name] = Str(input.Value, "value")
                    ?? (Obj(input.Value, "selected_option") is { } option ? Str(option, "value") : null);
            }
            result[block.Name] = inputs;
        }
        return result;
    }

    private static JsonElement? Obj(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value : null;

    private static string? Str(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
