using System.Text.Json.Nodes;

namespace AccessBot.Tests.Fakes.Slack;

/// <summary>One call the fake Slack received: the method (or "response_url"), its arguments and the Authorization header.</summary>
public sealed record SlackCall(string Method, JsonObject Args, string? Authorization, string Verb = "POST")
{
    public string? Arg(string name) => Args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Args[name]?.ToJsonString();

    /// <summary>Every mrkdwn/plain text in the message, fallback first.</summary>
    public IEnumerable<string> Texts()
    {
        if (Arg("text") is { } text) yield return text;
        foreach (var node in Walk(Args["blocks"]))
            if (node is JsonObject o && o["text"] is JsonValue v && v.TryGetValue<string>(out var s)) yield return s;
    }

    public static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null) yield break;
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
            foreach (var inner in Walk(child))
                yield return inner;
    }
}
