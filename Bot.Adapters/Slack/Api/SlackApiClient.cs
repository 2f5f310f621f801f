using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Api;

/// <summary>
/// The Slack Web API methods this bot uses, over a typed <see cref="HttpClient"/> whose base address is
/// <c>Slack:ApiBaseUrl</c>. <c>ok:false</c> becomes <see cref="SlackApiException"/>; HTTP 429 becomes
/// <see cref="SlackRateLimitedException"/> carrying Slack's <c>Retry-After</c>, so the calling job retries later.
/// </summary>
public sealed class SlackApiClient
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly IOptions<SlackOptions> _options;
    private readonly ChannelPacer _pacer;
    private readonly ILogger<SlackApiClient> _logger;

    public SlackApiClient(HttpClient http, IOptions<SlackOptions> options, ChannelPacer pacer, ILogger<SlackApiClient> logger)
    {
        _http = http;
        _options = options;
        _pacer = pacer;
        _logger = logger;
        _http.BaseAddress ??= options.Value.ApiBaseUrl;
    }

    /// <summary><c>chat.postMessage</c> with <c>parse: none</c> and no link_names, waiting for the channel's turn first.</summary>
    public async Task<SlackMessageRef> PostMessageAsync(string channel, SlackMessage message, CancellationToken ct)
    {
        await _pacer.WaitTurnAsync(channel, ct);
        var body = MessageBody(message);
        body["channel"] = channel;
        var reply = await PostJsonAsync("chat.postMessage", body, ct);
        return new SlackMessageRef(Str(reply, "channel") ?? channel, Str(reply, "ts") ?? throw Malformed("chat.postMessage"));
    }

    /// <summary><c>chat.update</c>; <c>parse: none</c> is explicit because this method's default is <c>client</c>.</summary>
    public async Task UpdateMessageAsync(SlackMessageRef target, SlackMessage message, CancellationToken ct)
    {
        var body = MessageBody(message);
        body["channel"] = target.Channel;
        body["ts"] = target.Ts;
        await PostJsonAsync("chat.update", body, ct);
    }

    public async Task PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct)
    {
        var body = MessageBody(message);
        body["channel"] = channel;
        body["user"] = user;
        await PostJsonAsync("chat.postEphemeral", body, ct);
    }

    /// <summary><c>chat.getPermalink</c> (a GET method: query string, no JSON).</summary>
    public async Task<string> GetPermalinkAsync(SlackMessageRef message, CancellationToken ct)
    {
        var reply = await GetAsync("chat.getPermalink", $"channel={Uri.EscapeDataString(message.Channel)}&message_ts={Uri.EscapeDataString(message.Ts)}", ct);
        return Str(reply, "permalink") ?? throw Malformed("chat.getPermalink");
    }

    /// <summary><c>users.info</c> (GET). The email is only present with the <c>users:read.email</c> scope.</summary>
    public async Task<SlackUser> GetUserAsync(string userId, CancellationToken ct)
    {
        var reply = await GetAsync("users.info", $"user={Uri.EscapeDataString(userId)}", ct);
        var user = reply["user"] as JsonObject ?? throw Malformed("users.info");
        var profile = user["profile"] as JsonObject;
        var email = profile is null ? null : Str(profile, "email");
        var name = FirstNonEmpty(profile is null ? null : Str(profile, "display_name"), Str(user, "real_name"), Str(user, "name"), userId);
        return new SlackUser(Str(user, "id") ?? userId, Str(user, "team_id"), string.IsNullOrWhiteSpace(email) ? null : email,
            name, Bool(user, "deleted"), Bool(user, "is_bot"));
    }

    /// <summary><c>conversations.open</c> for one user: the bot's DM channel (<c>D…</c>) with them.</summary>
    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken ct)
    {
        var reply = await PostJsonAsync("conversations.open", new JsonObject { ["users"] = userId }, ct);
        return (reply["channel"] as JsonObject) is { } channel && Str(channel, "id") is { } id ? id : throw Malformed("conversations.open");
    }

    /// <summary><c>views.open</c>: must run within about three seconds of the trigger.</summary>
    public async Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken ct) =>
        await PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct);

    /// <summary>Posts to an interaction's <c>response_url</c>. The URL is the credential: the bot token is never sent there.</summary>
    public async Task RespondAsync(Uri responseUrl, SlackMessage message, bool replaceOriginal, CancellationToken ct)
    {
        if (!responseUrl.IsAbsoluteUri || responseUrl.Scheme is not ("https" or "http"))
            throw new SlackApiException("response_url", "invalid_url");
        var body = MessageBody(message);
        body.Remove("parse");
        body["response_type"] = "ephemeral";
        body["replace_original"] = replaceOriginal;
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(body) };
        using var response = await _http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return;
        Log.ResponseUrlFailed(_logger, (int)response.StatusCode);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new SlackRateLimitedException("response_url", RetryAfter(response));
        throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
    }

    private static JsonObject MessageBody(SlackMessage message)
    {
        var body = new JsonObject { ["text"] = message.Text, ["parse"] = "none", ["unfurl_links"] = false, ["unfurl_media"] = false };
        if (message.Blocks is not null) body["blocks"] = message.Blocks.DeepClone();
        return body;
    }

    private Task<JsonObject> PostJsonAsync(string method, JsonObject body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = Json(body) };
        return SendAsync(method, request, ct);
    }

    private Task<JsonObject> GetAsync(string method, string query, CancellationToken ct) =>
        SendAsync(method, new HttpRequestMessage(HttpMethod.Get, $"{method}?{query}"), ct);

    private async Task<JsonObject> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Value.BotToken);
            using var response = await _http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = RetryAfter(response);
                Log.RateLimited(_logger, method, wait);
                throw new SlackRateLimitedException(method, wait);
            }
            if (!response.IsSuccessStatusCode) throw Fail(method, $"http_{(int)response.StatusCode}");

            var text = await response.Content.ReadAsStringAsync(ct);
            JsonObject reply;
            try
            {
                reply = JsonNode.Parse(text) as JsonObject ?? throw Malformed(method);
            }
            catch (JsonException)
            {
                throw Malformed(method);
            }
            if (reply["ok"]?.GetValueKind() == JsonValueKind.True) return reply;
            var error = Str(reply, "error") ?? "unknown_error";
            if (error is "ratelimited" or "rate_limited")
            {
                Log.RateLimited(_logger, method, DefaultRetryAfter);
                throw new SlackRateLimitedException(method, DefaultRetryAfter);
            }
            throw Fail(method, error);
        }
    }

    private SlackApiException Fail(string method, string error)
    {
        Log.ApiError(_logger, method, error);
        return new SlackApiException(method, error);
    }

    private SlackApiException Malformed(string method) => Fail(method, "malformed_response");

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero) return delta;
        if (response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            return TimeSpan.FromSeconds(seconds);
        return DefaultRetryAfter;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool Bool(JsonObject node, string name) => node[name]?.GetValueKind() == JsonValueKind.True;

    private static string FirstNonEmpty(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!;
}
