using System.Text.Json.Serialization;

namespace AccessBot.Workflows.Provisioning.Webhook;

/// <summary>
/// The JSON body AccessBot POSTs for a grant or a revoke (snake_case). Identical on every retry of the same operation,
/// so the endpoint can compare it with what it stored under the <c>Idempotency-Key</c>.
/// </summary>
/// <param name="Event"><c>grant</c> or <c>revoke</c>.</param>
/// <param name="ExpiresAt">When the access ends, ISO-8601 in UTC.</param>
/// <param name="Settings">The resource's provisioner settings minus the transport keys (url, timeout, secret_ref, check_url).</param>
public sealed record WebhookPayload(
    string Event,
    long RequestId,
    string PrincipalEmail,
    string PrincipalName,
    string Resource,
    string? Role,
    IReadOnlyDictionary<string, string> Settings,
    DateTimeOffset ExpiresAt);

/// <summary>One holder as a <c>check_url</c> reports it.</summary>
public sealed record WebhookHolder(string? Subject, string? Email);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(List<WebhookHolder>))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
