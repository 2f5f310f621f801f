using System.Net;
using System.Text.Json;
using AccessBot.Adapters.Teams.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccessBot.Adapters.Teams.Auth;

/// <summary>
/// Checks the Bot Connector's JWT on every inbound activity (teams.md §1.2): issuer, audience, RS256/384/512 signature by a
/// key from the OpenID metadata, lifetime with 5 minutes of skew, the <c>serviceurl</c> claim against the activity, the key's
/// endorsement of the channel, and the tenant allow-list. Anonymous requests pass only when no app id is configured.
/// </summary>
public sealed class BotTokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    internal const string HttpClientName = "teams-openid";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenValidator> _logger;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly IReadOnlySet<string> _tenants;
    private readonly bool _anonymousAllowed;

    public BotTokenValidator(
        IOptions<TeamsOptions> options, IHttpClientFactory httpClients, IHostEnvironment environment, TimeProvider time, ILogger<BotTokenValidator> logger)
    {
        _options = options.Value;
        _anonymousAllowed = IsAnonymousAllowed(_options, environment);
        _time = time;
        _logger = logger;
        _tenants = _options.EffectiveAllowedTenants();
        var metadataUrl = new Uri(_options.OpenIdMetadataUrl);
        // HTTPS everywhere except a loopback fake in tests: a metadata document fetched in clear text could be swapped.
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = !IsLoopback(metadataUrl) };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>Validates the request; logs a security line on failure. Never throws for a bad token.</summary>
    public async Task<InboundAuthResult> ValidateAsync(string? authorization, Activity activity, CancellationToken ct)
    {
        var result = await CheckAsync(authorization, activity, ct);
        if (!result.IsValid)
            Log.InboundRejected(_logger, result.Failure!, activity.ChannelId, activity.Type, activity.From?.AadObjectId);
        return result;
    }

    private async Task<InboundAuthResult> CheckAsync(string? authorization, Activity activity, CancellationToken ct)
    {
        if (_options.IsAnonymous)
        {
            // Without an app id nothing can be verified: an anonymous caller would choose its own identity and service URL.
            if (!_anonymousAllowed) return InboundAuthResult.Reject("Teams is not configured (no Teams:AppId) and anonymous mode is off");
            // A token we cannot check (no audience to check it against) is refused rather than ignored.
            if (authorization is not null) return InboundAuthResult.Reject("a token was sent but no Teams:AppId is configured");
            return CheckTenant(activity) ?? InboundAuthResult.AnonymousAccepted;
        }
        if (string.IsNullOrEmpty(authorization)) return InboundAuthResult.Reject("missing Authorization header");
        var parts = authorization.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0)
            return InboundAuthResult.Reject("Authorization header is not 'Bearer <token>'");
        if (!_handler.CanReadToken(parts[1])) return InboundAuthResult.Reject("token is not a JWT");

        var validation = await ValidateSignedTokenAsync(parts[1], refreshed: false, ct);
        if (!validation.IsValid) return InboundAuthResult.Reject($"jwt rejected: {Describe(validation.Exception)}");
        var jwt = (JsonWebToken)validation.SecurityToken;

        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var claimedServiceUrl) || string.IsNullOrEmpty(claimedServiceUrl))
            return InboundAuthResult.Reject("missing serviceurl claim");
        if (!string.Equals(claimedServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return InboundAuthResult.Reject("serviceurl claim does not match the activity's serviceUrl");

        if (string.IsNullOrEmpty(activity.ChannelId)) return InboundAuthResult.Reject("activity has no channelId");
        var configuration = await _metadata.GetConfigurationAsync(ct);
        if (!IsEndorsed(configuration, jwt.Kid, activity.ChannelId))
            return InboundAuthResult.Reject($"signing key does not endorse channel '{activity.ChannelId}'");

        return CheckTenant(activity) ?? InboundAuthResult.Valid;
    }

    private async Task<TokenValidationResult> ValidateSignedTokenAsync(string token, bool refreshed, CancellationToken ct)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException e)
        {
            return new TokenValidationResult { IsValid = false, Exception = e };
        }
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = BotFrameworkIssuer,
            ValidAudience = _options.AppId,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = Algorithms,
            IssuerSigningKeys = configuration.SigningKeys,
            LifetimeValidator = IsWithinLifetime,
            TryAllIssuerSigningKeys = false,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        // A key rolled over since the last fetch: refresh the metadata once (ConfigurationManager rate-limits refreshes).
        if (!refreshed && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            _metadata.RequestRefresh();
            return await ValidateSignedTokenAsync(token, refreshed: true, ct);
        }
        return result;
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null || now > expires.Value.ToUniversalTime() + ClockSkew) return false;
        return notBefore is null || now >= notBefore.Value.ToUniversalTime() - ClockSkew;
    }

    private static bool IsEndorsed(OpenIdConnectConfiguration configuration, string? kid, string channelId)
    {
        if (string.IsNullOrEmpty(kid)) return false;
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw)) return false;
        return raw is JsonElement { ValueKind: JsonValueKind.Array } endorsements
            && endorsements.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == channelId);
    }

    private InboundAuthResult? CheckTenant(Activity activity)
    {
        if (_tenants.Count == 0) return null;
        var tenant = activity.TenantId;
        return tenant is not null && _tenants.Contains(tenant) ? null : InboundAuthResult.Reject("tenant is not allowed");
    }

    private static string Describe(Exception? exception) => exception switch
    {
        null => "unknown",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "outside its lifetime",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "signing key not found",
        SecurityTokenInvalidSignatureException => "invalid signature",
        InvalidOperationException => "OpenID metadata unavailable",
        _ => exception.GetType().Name,
    };

    /// <summary>Anonymous mode needs all three: no app id, <c>Teams:AllowAnonymous</c>, and the Development environment.</summary>
    public static bool IsAnonymousAllowed(TeamsOptions options, IHostEnvironment environment) =>
        options.IsAnonymous && options.AllowAnonymous && environment.IsDevelopment();

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
