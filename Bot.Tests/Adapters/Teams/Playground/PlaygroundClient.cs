using System.Net.Http.Json;
using System.Text.Json;

namespace AccessBot.Tests.Adapters.Teams.Playground;

/// <summary>
/// The playground's own JSON API, as its web UI uses it (read from the package's server code): install events, messages
/// typed by a chosen user, card actions, and two WebSocket streams: what the bot posts and edits, and every activity the
/// playground sent to the bot with the bot's HTTP answer.
/// </summary>
internal sealed class PlaygroundClient : IAsyncDisposable
{
    private readonly HttpClient _http;

    private PlaygroundClient(Uri baseUrl, JsonStream conversations, JsonStream log)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(15) };
        Conversations = conversations;
        Log = log;
    }

    /// <summary>Frames <c>{action: createMessage|updateMessage, actionConversationId, message}</c>.</summary>
    public JsonStream Conversations { get; }

    /// <summary>Frames <c>{logAction: appendLog, log: {conversationId, activityName, request, response: {statusCode}}}</c>.</summary>
    public JsonStream Log { get; }

    public static async Task<PlaygroundClient> ConnectAsync(int port, CancellationToken ct)
    {
        var conversations = await JsonStream.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_ws_conversation/v1/conversations/stream"), ct);
        var log = await JsonStream.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_ws/log/stream"), ct);
        return new PlaygroundClient(new Uri($"http://127.0.0.1:{port}"), conversations, log);
    }

    /// <summary>"Add the app" to a conversation: the playground sends installationUpdate (personal) and conversationUpdate.</summary>
    public async Task InstallAsync(string conversationId, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"/_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new { }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A plain-text message typed by <paramref name="userId"/> (a user of the mock tenant).</summary>
    public async Task SendAsync(string conversationId, string userId, string text, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages",
            new { from = new { id = userId }, text, textFormat = "plain" }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// An Action.Execute on the card of message <paramref name="messageId"/>, by <paramref name="userId"/>; returns the bot's
    /// invoke answer as the playground relays it (<c>{type, value}</c>).
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(string conversationId, string messageId, string userId, string verb, object data, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("/_conversation/v1/invoke", new
        {
            name = "adaptiveCard/action",
            from = new { id = userId },
            conversation = new { id = conversationId },
            replyToId = messageId,
            value = new { action = new { type = "Action.Execute", verb, data }, trigger = verb == "refreshCard" ? "automatic" : "manual" },
        }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"invoke {verb} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Conversations.DisposeAsync();
        await Log.DisposeAsync();
    }
}
