using System.Text.Json;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Configuration;

namespace AccessBot.Workflows.Provisioning.Webhook;

/// <summary>
/// <c>kind: webhook</c>: POSTs a signed JSON <see cref="WebhookPayload"/> to the operator's <c>url</c> for every grant and
/// revoke; the endpoint does the real work. 2xx is <c>Done</c>; other 4xx and 3xx are permanent failures; 5xx, 408, 429,
/// time-outs and connection errors are retried inside the call and then reported as transient, so the job retries later.
/// </summary>
/// <remarks>
/// The signing secret comes from configuration (<c>AccessBot:Webhooks:&lt;resource&gt;:Secret</c> or the key named by
/// <c>secret_ref</c>) and is read on every call, so a rotated secret takes effect without a restart. Headers and the
/// signature are described on <see cref="WebhookSigner"/>. The endpoint must be idempotent per <c>Idempotency-Key</c>.
/// </remarks>
public sealed class WebhookProvisioner : IProvisioner
{
    /// <summary>Shorter secrets are refused: a signature is only as strong as its key.</summary>
    public const int MinSecretLength = 16;

    private readonly WebhookClient _client;
    private readonly IConfiguration _configuration;

    internal WebhookProvisioner(WebhookClient client, IConfiguration configuration)
    {
        _client = client;
        _configuration = configuration;
    }

    public string Kind => "webhook";

    public Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct) => NotifyAsync("grant", context, ct);

    public Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct) => NotifyAsync("revoke", context, ct);

    /// <summary>Without <c>check_url</c>: empty. With it: a signed GET whose answer is a JSON array of emails or of
    /// <c>{"subject": …, "email": …}</c> objects.</summary>
    /// <exception cref="ProvisionerCheckException">Misconfigured, unreachable, refused, or an answer that is not such an array.</exception>
    public async Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(ResourcePolicy resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!WebhookSettings.TryParse(resource.Provisioner.Settings, out var settings, out var error)) throw new ProvisionerCheckException(error);
        if (settings.CheckUrl is null) return [];
        if (SecretFor(resource.Name, settings) is not { } secret)
            throw new ProvisionerCheckException(MissingSecret(resource.Name, settings));

        var call = new WebhookClient.Call(HttpMethod.Get, settings.CheckUrl, [], secret, null, settings.Timeout, "check", 0, resource.Name);
        var outcome = await _client.SendAsync(call, ct);
        if (outcome.Failure is { } failure) throw new ProvisionerCheckException(failure.Reason);
        return ParseHolders(outcome.Body!, resource.Name);
    }

    private async Task<ProvisionResult> NotifyAsync(string operation, ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = context.Resource;
        if (!WebhookSettings.TryParse(resource.Provisioner.Settings, out var settings, out var error))
            return new ProvisionResult.Failed(error, Permanent: true);
        if (SecretFor(resource.Name, settings) is not { } secret)
            return new ProvisionResult.Failed(MissingSecret(resource.Name, settings), Permanent: true);

        var forwarded = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in resource.Provisioner.Settings.Where(s => !WebhookSettings.TransportKeys.Contains(s.Key))) forwarded[name] = value;
        var payload = new WebhookPayload(operation, context.RequestId.Value, context.Principal.Email, context.Principal.DisplayName,
            resource.Name, forwarded.GetValueOrDefault("role"), forwarded, context.ExpiresAt.ToUniversalTime());
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, WebhookJsonContext.Default.WebhookPayload);

        var key = WebhookSigner.IdempotencyKey(context.RequestId.Value, operation, context.ExpiresAt);
        var call = new WebhookClient.Call(HttpMethod.Post, settings.Url, body, secret, key, settings.Timeout, operation, context.RequestId.Value, resource.Name);
        var outcome = await _client.SendAsync(call, ct);
        return outcome.Failure ?? (ProvisionResult)new ProvisionResult.Done($"webhook accepted the {operation} (Idempotency-Key {key})");
    }

    private string? SecretFor(string resource, WebhookSettings settings) =>
        _configuration[settings.SecretKey(resource)] is { Length: >= MinSecretLength } secret ? secret : null;

    private static string MissingSecret(string resource, WebhookSettings settings) =>
        $"No webhook signing secret of at least {MinSecretLength} characters is configured for resource '{resource}' " +
        $"(configuration key {settings.SecretKey(resource)}).";

    private static List<ProvisionedAccess> ParseHolders(byte[] body, string resource)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("not an array");
            var holders = new List<ProvisionedAccess>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                holders.Add(item.ValueKind switch
                {
                    JsonValueKind.String when item.GetString() is { Length: > 0 } email => new ProvisionedAccess(email, email),
                    JsonValueKind.Object => FromObject(item.Deserialize(WebhookJsonContext.Default.WebhookHolder)),
                    _ => throw new JsonException("an entry is neither a string nor an object"),
                });
            }
            return holders;
        }
        catch (JsonException)
        {
            throw new ProvisionerCheckException(
                $"The check_url of resource '{resource}' did not answer with a JSON array of emails or {{subject, email}} objects.");
        }
    }

    private static ProvisionedAccess FromObject(WebhookHolder? holder) =>
        holder switch
        {
            { Subject: { Length: > 0 } subject } => new ProvisionedAccess(subject, holder.Email),
            { Email: { Length: > 0 } email } => new ProvisionedAccess(email, email),
            _ => throw new JsonException("an entry has neither subject nor email"),
        };
}
