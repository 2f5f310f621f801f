using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace AccessBot.Tests.Fakes.Teams;

/// <summary>
/// A Bot Connector on 127.0.0.1: the OpenID metadata + JWKS (with endorsements) of an RSA key generated here, the token
/// endpoint, and the <c>/v3/conversations</c> REST calls, answered like the service and recorded into a channel.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string KeyId = "fake-connector-key-1";
    public const string ChannelId = "msteams";
    private readonly Channel<ConnectorCall> _calls = Channel.CreateUnbounded<ConnectorCall>();
    private readonly ConcurrentQueue<ConnectorFailure> _failures = new();
    private int _tokenRequests;
    private int _nextMessageId = 1_700_000_000;
    private WebApplication _app = null!;

    private FakeBotConnector() { }

    public RSA SigningKey { get; } = RSA.Create(2048);

    /// <summary>Channels the signing key endorses in the JWKS.</summary>
    public IReadOnlyList<string> Endorsements { get; init; } = [ChannelId];

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The service URL activities carry; the bot calls <c>v3/…</c> below it.</summary>
    public string ServiceUrl => BaseAddress.AbsoluteUri;

    public string OpenIdMetadataUrl => new Uri(BaseAddress, "botframework/openid").AbsoluteUri;

    public string TokenEndpoint => new Uri(BaseAddress, "oauth2/token").AbsoluteUri;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Form fields of the last token request.</summary>
    public IReadOnlyDictionary<string, string>? LastTokenForm { get; private set; }

    /// <summary>Members by user id (<c>29:…</c>) for the members API.</summary>
    public ConcurrentDictionary<string, JsonObject> Members { get; } = new(StringComparer.Ordinal);

    public static Task<FakeBotConnector> StartAsync() => StartAsync(new FakeBotConnector());

    public static async Task<FakeBotConnector> StartAsync(FakeBotConnector fake)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.Run(fake.HandleAsync);
        await fake._app.StartAsync();
        fake.BaseAddress = new Uri(fake._app.Urls.Single().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The next connector call (not token or metadata) answers with this failure.</summary>
    public void FailNext(ConnectorFailure failure) => _failures.Enqueue(failure);

    public async Task<ConnectorCall> NextCallAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _calls.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True when no call is waiting (use after the bot's work is known to be finished).</summary>
    public bool TryTakeCall(out ConnectorCall? call) => _calls.Reader.TryRead(out call);

    public void AddMember(string userId, string aadObjectId, string email, string name) =>
        Members[userId] = new JsonObject
        {
            ["id"] = userId, ["name"] = name, ["aadObjectId"] = aadObjectId, ["email"] = email, ["userPrincipalName"] = email,
        };

    public JsonObject JsonWebKeySet()
    {
        var p = SigningKey.ExportParameters(false);
        var endorsements = new JsonArray();
        foreach (var e in Endorsements) endorsements.Add(e);
        var key = new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = endorsements,
        };
        return new JsonObject { ["keys"] = new JsonArray(key) };
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (path == "/botframework/openid")
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.example/unused",
                ["jwks_uri"] = new Uri(BaseAddress, "botframework/keys").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
            return;
        }
        if (path == "/botframework/keys")
        {
            await context.Response.WriteAsJsonAsync(JsonWebKeySet());
            return;
        }
        if (path == "/oauth2/token")
        {
            var form = await request.ReadFormAsync();
            LastTokenForm = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            var n = Interlocked.Increment(ref _tokenRequests);
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = $"fake-access-token-{n}",
            });
            return;
        }

        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        JsonElement? body = null;
        if (request.ContentLength is > 0 || request.Method is "POST" or "PUT")
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            body = doc.RootElement.Clone();
        }
        await _calls.Writer.WriteAsync(new ConnectorCall(request.Method, raw, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body));

        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfterSeconds is not null) context.Response.Headers.RetryAfter = failure.RetryAfterSeconds;
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = failure.Status == 403 ? "ConversationBlockedByUser" : "Throttled", ["message"] = "fake failure", ["subCode"] = failure.SubCode },
            });
            return;
        }
        await AnswerAsync(context, request.Method, path, body);
    }

    private async Task AnswerAsync(HttpContext context, string method, string path, JsonElement? body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var messageId = Interlocked.Increment(ref _nextMessageId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (method, segments.Length)
        {
            case ("POST", 2): // v3/conversations
                var isGroup = body?.TryGetProperty("isGroup", out var g) == true && g.ValueKind == JsonValueKind.True;
                if (isGroup)
                {
                    var channel = body!.Value.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString();
                    context.Response.StatusCode = 201;
                    await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = $"{channel};messageid={messageId}", ["activityId"] = messageId });
                }
                else
                {
                    var member = body!.Value.GetProperty("members")[0].GetProperty("id").GetString();
                    context.Response.StatusCode = 201;
                    await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = $"a:personal-{member}" });
                }
                return;
            case ("POST", 4): // v3/conversations/{id}/activities
            case ("POST", 5): // …/activities/{replyTo}
                context.Response.StatusCode = 201;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = messageId });
                return;
            case ("PUT", 5):
                await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = segments[4] });
                return;
            case ("GET", 5) when segments[3] == "members":
                if (Members.TryGetValue(segments[4], out var member2))
                {
                    await context.Response.WriteAsJsonAsync(member2);
                    return;
                }
                context.Response.StatusCode = 404;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = "MemberNotFoundInConversation", ["message"] = "no such member" } });
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        SigningKey.Dispose();
    }
}
