using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>
/// An operator's endpoint on 127.0.0.1: verifies the signature the way the README tells operators to (HMAC-SHA256 over
/// timestamp + "." + raw body, compared in constant time; 401 when it does not match), records every call, and answers
/// from a script (<see cref="Respond"/>): a status code, or <see cref="Hang"/> until the test ends.
/// </summary>
public sealed class FakeWebhookServer : IAsyncDisposable
{
    public const int Hang = -1;

    public sealed record Received(string Method, string Path, string? Timestamp, string? Signature, string? IdempotencyKey, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    private readonly ConcurrentQueue<int> _script = new();
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _secret;
    private WebApplication _app = null!;

    private FakeWebhookServer(string secret) => _secret = secret;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Sent as <c>Retry-After</c> (seconds) with every 429 and 503.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>What <c>GET /holders</c> returns.</summary>
    public string HoldersJson { get; set; } = "[]";

    public static async Task<FakeWebhookServer> StartAsync(string secret)
    {
        var server = new FakeWebhookServer(secret);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Urls.Single());
        return server;
    }

    /// <summary>Queues the answers for the next calls, in order; after the script runs out every call gets 200.</summary>
    public void Respond(params int[] statuses)
    {
        foreach (var status in statuses) _script.Enqueue(status);
    }

    public async Task<Received> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public bool TryNext(out Received? received) => _received.Reader.TryRead(out received);

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers;
        var received = new Received(context.Request.Method, context.Request.Path.Value ?? "", headers["X-AccessBot-Timestamp"].FirstOrDefault(),
            headers["X-AccessBot-Signature"].FirstOrDefault(), headers["Idempotency-Key"].FirstOrDefault(), buffer.ToArray());
        await _received.Writer.WriteAsync(received, context.RequestAborted);

        if (!SignatureIsValid(received))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var status = _script.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
        if (status == Hang)
        {
            await _release.Task.WaitAsync(context.RequestAborted);
            status = StatusCodes.Status200OK;
        }
        context.Response.StatusCode = status;
        if (RetryAfterSeconds is { } seconds && status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status == StatusCodes.Status200OK && received.Method == "GET")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(HoldersJson, context.RequestAborted);
        }
    }

    private bool SignatureIsValid(Received received)
    {
        if (received.Timestamp is null || received.Signature is null) return false;
        byte[] signed = [.. Encoding.UTF8.GetBytes(received.Timestamp + "."), .. received.Body];
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(received.Signature));
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }
}
