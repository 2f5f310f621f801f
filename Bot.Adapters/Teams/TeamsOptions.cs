using System.ComponentModel.DataAnnotations;

namespace AccessBot.Adapters.Teams;

/// <summary>Settings of the Teams adapter (section "Teams"). <see cref="AppPassword"/> is a secret: never log this object.</summary>
public sealed class TeamsOptions : IValidatableObject
{
    public const string Section = "Teams";

    /// <summary>The default Bot Framework OpenID metadata (public cloud, channel → bot tokens).</summary>
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Microsoft App ID of the Azure Bot registration. Empty means anonymous local mode (no token checks).</summary>
    public string? AppId { get; set; }

    /// <summary>
    /// Accept requests without a token when <see cref="AppId"/> is empty, for local tools such as the Agents Playground.
    /// Honoured only in the Development environment: an anonymous caller chooses its own identity and service URL.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Client secret of the app registration; used only to obtain outbound tokens.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Set for a single-tenant app: outbound tokens then come from that tenant, and it is always allowed inbound.</summary>
    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Overrides the token endpoint derived from <see cref="TenantId"/> (tests point it at a fake).</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>Tenants whose activities are accepted. Empty (and no <see cref="TenantId"/>) accepts every tenant.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Fallback Teams channel id (19:…@thread.tacv2) for the policy channel "approvals".</summary>
    public string? ApprovalChannel { get; set; }

    /// <summary>Fallback Teams channel id for the policy channel "security".</summary>
    public string? SecurityChannel { get; set; }

    public bool IsAnonymous => string.IsNullOrWhiteSpace(AppId);

    /// <summary>The token endpoint: explicit, or derived (multi-tenant apps use the botframework.com tenant).</summary>
    public Uri ResolveTokenEndpoint() => new(!string.IsNullOrWhiteSpace(TokenEndpoint)
        ? TokenEndpoint
        : $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token");

    /// <summary>Tenants accepted inbound; empty means any.</summary>
    public IReadOnlySet<string> EffectiveAllowedTenants()
    {
        var set = new HashSet<string>(AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)), StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(TenantId)) set.Add(TenantId);
        return set;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsAnonymous && string.IsNullOrWhiteSpace(AppPassword))
            yield return new ValidationResult("Teams:AppPassword is required when Teams:AppId is set.", [nameof(AppPassword)]);
        if (!Uri.TryCreate(OpenIdMetadataUrl, UriKind.Absolute, out _))
            yield return new ValidationResult("Teams:OpenIdMetadataUrl must be an absolute URL.", [nameof(OpenIdMetadataUrl)]);
        if (!string.IsNullOrWhiteSpace(TokenEndpoint) && !Uri.TryCreate(TokenEndpoint, UriKind.Absolute, out _))
            yield return new ValidationResult("Teams:TokenEndpoint must be an absolute URL.", [nameof(TokenEndpoint)]);
    }
}
