using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>
/// The bot's outbound token (client credentials, scope <c>https://api.botframework.com/.default</c>, teams.md §2.1),
/// cached until five minutes before it expires. Null in anonymous mode: nothing is sent then.
/// </summary>
public sealed class BotTokenClient(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider time)
{
    internal const string HttpClientName = "teams-token";
    public const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.IsAnonymous) return null;
        if (_cached is { } hit && time.GetUtcNow() < hit.RefreshAt) return hit.Token;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && time.GetUtcNow() < again.RefreshAt) return again.Token;
            var requestedAt = time.GetUtcNow();
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword ?? "",
                ["scope"] = Scope,
            });
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(settings.ResolveTokenEndpoint(), form, ct);
            if (!response.IsSuccessStatusCode)
                // The body may echo request details; only the status goes into the message.
                throw new ConnectorException(response.StatusCode, "token", $"Token endpoint answered {(int)response.StatusCode}.");
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                ?? throw new ConnectorException(response.StatusCode, "token", "Token endpoint sent an empty answer.");
            if (string.IsNullOrEmpty(token.access_token))
                throw new ConnectorException(response.StatusCode, "token", "Token endpoint sent no access_token.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(token.expires_in, 0));
            _cached = (token.access_token, requestedAt + lifetime - RefreshMargin);
            return token.access_token;
        }
        finally
        {
            _gate.Release();
        }
    }

#pragma warning disable IDE1006, CA1707 // wire names of the OAuth token response
    private sealed record TokenResponse(string? access_token, int expires_in);
#pragma warning restore IDE1006, CA1707
}
