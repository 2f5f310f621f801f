using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AccessBot.Tests.Fakes.Slack;

/// <summary>
/// A Slack Web API on 127.0.0.1 that speaks the documented protocol: Bearer token required, <c>ok</c>/<c>error</c> bodies
/// with HTTP 200, Block Kit limits enforced, <c>ts</c> and permalinks handed out, 429 + Retry-After on demand. Also serves
/// response URLs under <see cref="ResponseUrl"/>. Every call is recorded in a channel; awaiting one always has a timeout.
/// </summary>
public sealed class FakeSlackServer : IAsyncDisposable
{
    public const string Token = "xoxb-fake-test-token";

    private readonly Channel<SlackCall> _calls = Channel.CreateUnbounded<SlackCall>();
    private readonly ConcurrentDictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task<bool>>>> _overrides = new(StringComparer.Ordinal);
    private long _ts = 1_700_000_000_000_100;
    private WebApplication _app = null!;

    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>A response_url the fake accepts (any path under /hooks/ works).</summary>
    public Uri ResponseUrl { get; private set; } = null!;

    public static async Task<FakeSlackServer> StartAsync()
    {
        var fake = new FakeSlackServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        fake._app = builder.Build();
        fake._app.MapMethods("/api/{method}", ["GET", "POST"], fake.HandleApiAsync);
        fake._app.MapPost("/hooks/{*rest}", fake.HandleHookAsync);
        await fake._app.StartAsync();
        var root = fake._app.Urls.Single();
        fake.ApiBaseUrl = new Uri(root + "/api/");
        fake.ResponseUrl = new Uri(root + "/hooks/commands/T0TEST/1/secret");
        return fake;
    }

    public void AddUser(string id, string? email, string name, string team = "T0TEST", bool deleted = false, bool bot = false) =>
        _users[id] = new JsonObject
        {
            ["id"] = id, ["team_id"] = team, ["name"] = name, ["real_name"] = name, ["deleted"] = deleted, ["is_bot"] = bot,
            ["profile"] = email is null ? new JsonObject { ["display_name"] = name } : new JsonObject { ["email"] = email, ["display_name"] = name },
        };

    /// <summary>The next call of <paramref name="method"/> answers <c>ok:false</c> with <paramref name="error"/>.</summary>
    public void FailNext(string method, string error) =>
        Override(method, async http =>
        {
            await Record(method, http);
            await http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error });
            return true;
        });

    /// <summary>The next call of <paramref name="method"/> answers HTTP 429 with <c>Retry-After</c>.</summary>
    public void RateLimitNext(string method, int retryAfterSeconds) =>
        Override(method, async http =>
        {
            await Record(method, http);
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await http.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" });
            return true;
        });

    public async Task<SlackCall> NextCallAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _calls.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Skips calls until one of <paramref name="method"/> arrives.</summary>
    public async Task<SlackCall> NextCallAsync(string method, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var call = await _calls.Reader.ReadAsync(cts.Token);
            if (call.Method == method) return call;
        }
    }

    /// <summary>Everything received so far and not yet read.</summary>
    public IReadOnlyList<SlackCall> Drain()
    {
        var list = new List<SlackCall>();
        while (_calls.Reader.TryRead(out var call)) list.Add(call);
        return list;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Override(string method, Func<HttpContext, Task<bool>> handler) =>
        _overrides.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task<bool>>>()).Enqueue(handler);

    private async Task HandleHookAsync(HttpContext http)
    {
        if (_overrides.TryGetValue("response_url", out var queue) && queue.TryDequeue(out var special) && await special(http)) return;
        var args = await ReadArgsAsync(http);
        await _calls.Writer.WriteAsync(new SlackCall("response_url", args ?? [], http.Request.Headers.Authorization.FirstOrDefault()));
        if (args is null)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsync("invalid_payload");
            return;
        }
        await http.Response.WriteAsync("ok");
    }

    private async Task HandleApiAsync(HttpContext http, string method)
    {
        if (_overrides.TryGetValue(method, out var queue) && queue.TryDequeue(out var special) && await special(http)) return;
        var args = await ReadArgsAsync(http) ?? [];
        await _calls.Writer.WriteAsync(new SlackCall(method, args, http.Request.Headers.Authorization.FirstOrDefault(), http.Request.Method));
        var auth = http.Request.Headers.Authorization.FirstOrDefault();
        JsonObject reply = auth is null ? Error("not_authed") : auth != $"Bearer {Token}" ? Error("invalid_auth") : Dispatch(method, args);
        await http.Response.WriteAsJsonAsync(reply);
    }

    private JsonObject Dispatch(string method, JsonObject args) => method switch
    {
        "chat.postMessage" => CheckMessage(args) ?? Ok(new() { ["channel"] = Str(args, "channel"), ["ts"] = NextTs() }),
        "chat.update" => Str(args, "ts") is null ? Error("message_not_found")
            : CheckMessage(args) ?? Ok(new() { ["channel"] = Str(args, "channel"), ["ts"] = Str(args, "ts") }),
        "chat.postEphemeral" => Str(args, "user") is null ? Error("user_not_found") : CheckMessage(args) ?? Ok(new() { ["message_ts"] = NextTs() }),
        "chat.getPermalink" => Str(args, "channel") is { } c && Str(args, "message_ts") is { } ts
            ? Ok(new() { ["channel"] = c, ["permalink"] = $"https://fake.slack.test/archives/{c}/p{ts.Replace(".", "", StringComparison.Ordinal)}" })
            : Error("invalid_arguments"),
        "users.info" => Str(args, "user") is { } id && _users.TryGetValue(id, out var user)
            ? Ok(new() { ["user"] = user.DeepClone() }) : Error("user_not_found"),
        "conversations.open" => Str(args, "users") is { Length: > 0 } u && !u.Contains(',', StringComparison.Ordinal)
            ? Ok(new() { ["channel"] = new JsonObject { ["id"] = "D" + u } }) : Error("users_list_not_supplied"),
        "views.open" => CheckView(args) ?? Ok(new() { ["view"] = new JsonObject { ["id"] = "V" + NextTs() } }),
        _ => Error("unknown_method"),
    };

    /// <summary>The documented limits a real workspace enforces (protocols/slack.md §6.1).</summary>
    private static JsonObject? CheckMessage(JsonObject args)
    {
        if (Str(args, "channel") is null) return Error("channel_not_found");
        var text = Str(args, "text");
        var blocks = args["blocks"] as JsonArray;
        if (string.IsNullOrEmpty(text) && blocks is null) return Error("no_text");
        if (text is { Length: > 4000 }) return Error("msg_too_long");
        if (blocks is null) return null;
        if (blocks.Count > 50) return Error("invalid_blocks");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks.OfType<JsonObject>())
        {
            if (Str(block, "block_id") is { } id && (id.Length > 255 || !ids.Add(id))) return Error("invalid_blocks");
            var limit = Str(block, "type") switch { "header" => 150, _ => 3000 };
            if (block["text"] is JsonObject t && Str(t, "text") is { } s && (s.Length > limit || s.Length == 0)) return Error("invalid_blocks");
            foreach (var element in (block["elements"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Str(element, "type") == "button"
                    && (element["text"] is not JsonObject bt || Str(bt, "text") is not { Length: > 0 and <= 75 } || Str(bt, "type") != "plain_text"
                        || Str(element, "value") is { Length: > 2000 }))
                    return Error("invalid_blocks");
                if (element["text"] is JsonValue et && et.TryGetValue<string>(out var es) && es.Length > 3000) return Error("invalid_blocks");
            }
        }
        return null;
    }

    private static JsonObject? CheckView(JsonObject args)
    {
        if (Str(args, "trigger_id") is null) return Error("invalid_trigger_id");
        if (args["view"] is not JsonObject view) return Error("invalid_arguments");
        foreach (var part in new[] { "title", "submit", "close" })
            if (view[part] is JsonObject t && Str(t, "text") is { } s && s.Length > 24) return Error("invalid_arguments");
        if (view["blocks"] is JsonArray { Count: > 100 }) return Error("invalid_arguments");
        if (Str(view, "private_metadata") is { Length: > 3000 }) return Error("invalid_arguments");
        return null;
    }

    private async Task Record(string method, HttpContext http) =>
        await _calls.Writer.WriteAsync(new SlackCall(method, await ReadArgsAsync(http) ?? [], http.Request.Headers.Authorization.FirstOrDefault()));

    private static async Task<JsonObject?> ReadArgsAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method))
        {
            var query = new JsonObject();
            foreach (var (key, value) in http.Request.Query) query[key] = value.ToString();
            return query;
        }
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true) return null;
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string NextTs()
    {
        var n = Interlocked.Increment(ref _ts);
        return string.Create(CultureInfo.InvariantCulture, $"{n / 1_000_000}.{n % 1_000_000:D6}");
    }

    private static JsonObject Ok(JsonObject fields)
    {
        var reply = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            reply[key] = value;
        }
        return reply;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
