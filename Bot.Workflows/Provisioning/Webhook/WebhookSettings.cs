using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AccessBot.Workflows.Provisioning.Webhook;

/// <summary>
/// The <c>provisioner:</c> settings of a <c>webhook</c> resource: <c>url</c> (required, http or https), <c>timeout</c>
/// (per attempt, default 10 s; <c>500ms</c>, <c>10s</c>, <c>2m</c> or <c>hh:mm:ss</c>), <c>secret_ref</c> (optional
/// configuration key of the signing secret, under <c>AccessBot:Webhooks:</c>) and <c>check_url</c> (optional GET for
/// <see cref="IProvisioner.CheckAsync"/>). Every other setting is passed to the endpoint in the body.
/// </summary>
public sealed record WebhookSettings(Uri Url, TimeSpan Timeout, string? SecretRef, Uri? CheckUrl)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Settings that steer the call itself and are therefore not forwarded in the body.</summary>
    public static readonly IReadOnlySet<string> TransportKeys = new HashSet<string>(StringComparer.Ordinal) { "url", "timeout", "secret_ref", "check_url" };

    /// <summary>The only configuration subtree a <c>secret_ref</c> may point into, so a policy cannot sign with another secret.</summary>
    public const string SecretRoot = "AccessBot:Webhooks:";

    public static bool TryParse(
        IReadOnlyDictionary<string, string> settings,
        [NotNullWhen(true)] out WebhookSettings? parsed,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        parsed = null;
        if (!TryParseUrl(settings.GetValueOrDefault("url"), out var url))
        {
            error = "webhook provisioner: setting 'url' must be an absolute http or https URL.";
            return false;
        }

        Uri? checkUrl = null;
        if (settings.GetValueOrDefault("check_url") is { Length: > 0 } checkText && !TryParseUrl(checkText, out checkUrl))
        {
            error = "webhook provisioner: setting 'check_url' must be an absolute http or https URL.";
            return false;
        }

        var timeout = DefaultTimeout;
        if (settings.GetValueOrDefault("timeout") is { Length: > 0 } timeoutText
            && (!TryParseDuration(timeoutText, out timeout) || timeout <= TimeSpan.Zero || timeout > MaxTimeout))
        {
            error = "webhook provisioner: setting 'timeout' must be a duration between 1ms and 5m (e.g. 10s).";
            return false;
        }

        var secretRef = settings.GetValueOrDefault("secret_ref")?.Trim();
        if (!string.IsNullOrEmpty(secretRef) && !secretRef.StartsWith(SecretRoot, StringComparison.OrdinalIgnoreCase))
        {
            error = $"webhook provisioner: setting 'secret_ref' must name a configuration key under {SecretRoot}";
            return false;
        }

        parsed = new WebhookSettings(url, timeout, string.IsNullOrEmpty(secretRef) ? null : secretRef, checkUrl);
        error = null;
        return true;
    }

    /// <summary>The configuration key holding the signing secret for <paramref name="resource"/>.</summary>
    public string SecretKey(string resource) => SecretRef ?? $"{SecretRoot}{resource}:Secret";

    private static bool TryParseUrl(string? text, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        text = text.Trim();
        (string suffix, double unitMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, unitMs) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                duration = TimeSpan.FromMilliseconds(value * unitMs);
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
