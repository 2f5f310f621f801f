using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Workflows.Provisioning.Webhook;

/// <summary>One signed call to an operator's endpoint, with time-outs and retries on the injected <see cref="TimeProvider"/>.</summary>
internal sealed class WebhookClient(
    IHttpClientFactory httpClients, IOptions<WebhookDeliveryOptions> options, TimeProvider time, ILogger<WebhookProvisioner> logger)
{
    /// <summary>Where a call is going and what it is, for signing, retries and logs (the URL is never logged).</summary>
    public sealed record Call(HttpMethod Method, Uri Url, byte[] Body, string Secret, string? IdempotencyKey, TimeSpan Timeout,
        string Operation, long RequestId, string Resource);

    /// <summary>Success carries the response body (read up to the configured limit); failure carries the result to return.</summary>
    public sealed record Outcome(byte[]? Body, ProvisionResult.Failed? Failure);

    public async Task<Outcome> SendAsync(Call call, CancellationToken ct)
    {
        var delivery = options.Value;
        var client = httpClients.CreateClient(WebhookDeliveryOptions.HttpClientName);
        var lastReason = "";
        TimeSpan? retryAfter = null;
        for (var attempt = 1; attempt <= delivery.MaxAttempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(delivery.DelayBefore(attempt, retryAfter), time, ct);
            retryAfter = null;

            using var timeout = new CancellationTokenSource(call.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                using var request = Sign(call);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    Log.Accepted(logger, call.Operation, call.RequestId, call.Resource, status, attempt);
                    var body = call.Method == HttpMethod.Get ? await ReadLimitedAsync(response, delivery.MaxCheckResponseBytes, linked.Token) : [];
                    return new Outcome(body, null);
                }
                if (!IsRetryable(response.StatusCode))
                {
                    Log.Refused(logger, call.Operation, call.RequestId, call.Resource, status);
                    return new Outcome(null, new ProvisionResult.Failed(
                        $"The webhook for resource '{call.Resource}' refused the {call.Operation} with HTTP {status}.", Permanent: true));
                }
                lastReason = $"HTTP {status}";
                retryAfter = RetryAfter(response);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                lastReason = string.Create(CultureInfo.InvariantCulture, $"no response within {call.Timeout.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException e)
            {
                // The message would name the host; the error category is enough to act on.
                lastReason = $"connection failed ({e.HttpRequestError})";
            }
            catch (InvalidDataException)
            {
                lastReason = "response larger than allowed";
            }
            Log.AttemptFailed(logger, call.Operation, call.RequestId, call.Resource, attempt, lastReason);
        }
        return new Outcome(null, new ProvisionResult.Failed(
            $"The webhook for resource '{call.Resource}' did not accept the {call.Operation} after {delivery.MaxAttempts} attempt(s): {lastReason}.",
            Permanent: false));
    }

    private HttpRequestMessage Sign(Call call)
    {
        var timestamp = WebhookSigner.Timestamp(time.GetUtcNow());
        var request = new HttpRequestMessage(call.Method, call.Url);
        if (call.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        request.Headers.Add(WebhookSigner.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(call.Secret, timestamp, call.Body));
        if (call.IdempotencyKey is not null) request.Headers.Add(WebhookSigner.IdempotencyKeyHeader, call.IdempotencyKey);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AccessBot", "1"));
        return request;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };

    // 408 and 429 say "later", not "never"; every other 4xx (and a 3xx, which is not followed) is the endpoint's final word.
    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, int limit, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new InvalidDataException("The webhook response exceeds the configured limit.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
