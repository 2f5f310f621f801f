using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AccessBot.Benchmarks.Slack;

/// <summary>
/// The smallest Slack Web API on 127.0.0.1 that keeps the host's background work succeeding: every method answers
/// <c>ok:true</c> (with a <c>ts</c>/channel), <c>users.info</c> invents a person with an email for any id, and response
/// URLs under /hooks/ answer <c>ok</c>. Nothing is recorded: the benchmark only needs the host not to fail.
/// </summary>
internal sealed class FakeSlackWebApi : IAsyncDisposable
{
    public const string Token = "xoxb-bench-token";

    private readonly WebApplication _app;
    private long _ts = 1_700_000_000_000_000;

    private FakeSlackWebApi(WebApplication app) => _app = app;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public Uri ResponseUrl { get; private set; } = null!;

    public static async Task<FakeSlackWebApi> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeSlackWebApi(builder.Build());
        fake._app.MapMethods("/api/{method}", ["GET", "POST"], (HttpContext http, string method) => fake.Answer(http, method));
        fake._app.MapPost("/hooks/{*rest}", () => Results.Text("ok"));
        await fake._app.StartAsync(ct);
        var root = fake._app.Urls.Single();
        fake.ApiBaseUrl = new Uri(root + "/api/");
        fake.ResponseUrl = new Uri(root + "/hooks/commands/T0BENCH/1/bench");
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IResult Answer(HttpContext http, string method)
    {
        if (http.Request.Headers.Authorization != $"Bearer {Token}") return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" });
        var ts = $"{Interlocked.Increment(ref _ts) / 1_000_000}.{Interlocked.Read(ref _ts) % 1_000_000:D6}";
        var reply = new JsonObject { ["ok"] = true, ["channel"] = "C0BENCH", ["ts"] = ts, ["message_ts"] = ts };
        if (method == "users.info" && http.Request.Query["user"].ToString() is { Length: > 0 } id)
            reply["user"] = new JsonObject
            {
                ["id"] = id, ["team_id"] = SignedCommand.TeamId, ["name"] = id, ["real_name"] = id, ["deleted"] = false, ["is_bot"] = false,
                ["profile"] = new JsonObject { ["email"] = $"{id.ToLowerInvariant()}@bench.example.com", ["display_name"] = id },
            };
        if (method == "conversations.open") reply["channel"] = new JsonObject { ["id"] = "D0BENCH" };
        if (method == "chat.getPermalink") reply["permalink"] = $"https://fake.slack.test/archives/C0BENCH/p{ts.Replace(".", "", StringComparison.Ordinal)}";
        if (method == "views.open") reply["view"] = new JsonObject { ["id"] = "V0BENCH" };
        return Results.Json(reply);
    }
}
