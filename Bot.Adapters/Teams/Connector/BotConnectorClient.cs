using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AccessBot.Adapters.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>
/// The Bot Connector REST calls (teams.md §2.3) at a conversation's service URL. Ids are escaped with
/// <see cref="Uri.EscapeDataString(string)"/>; only trusted service URLs are called; failures become typed exceptions.
/// </summary>
public sealed class BotConnectorClient(HttpClient http, BotTokenClient tokens, TrustedServiceUrls trusted, ILogger<BotConnectorClient> logger)
{
    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{E(conversationId)}/activities", activity, ct);

    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl,
            $"v3/conversations/{E(conversationId)}/activities/{E(replyToId)}", activity with { ReplyToId = replyToId }, ct);

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Put, serviceUrl,
            $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", activity with { Id = activityId }, ct);

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct) =>
        CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, ct);

    /// <summary>One member's profile (email / UPN); null when the user is not in the conversation.</summary>
    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        try
        {
            return await CallAsync<TeamsMember>(HttpMethod.Get, serviceUrl, $"v3/conversations/{E(conversationId)}/members/{E(userId)}", null, ct);
        }
        catch (ConnectorException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string E(string id) => Uri.EscapeDataString(id);

    private async Task<T> CallAsync<T>(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken ct)
    {
        if (!await trusted.IsTrustedAsync(serviceUrl, ct)) throw new UntrustedServiceUrlException(serviceUrl);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(TrustedServiceUrls.Normalise(serviceUrl)), path));
        if (await tokens.GetTokenAsync(ct) is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: TeamsJson.Options);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            if (response.Content.Headers.ContentLength == 0) return default!;
            return (await response.Content.ReadFromJsonAsync<T>(TeamsJson.Options, ct))!;
        }
        throw await FailureAsync(response, method, path, ct);
    }

    private async Task<ConnectorException> FailureAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken ct)
    {
        ConnectorError? error = null;
        try
        {
            error = (await response.Content.ReadFromJsonAsync<ConnectorErrorBody>(TeamsJson.Options, ct))?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            // Gateways answer HTML on 502/504; the status says enough.
        }
        var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
        Log.ConnectorFailed(logger, method.Method, Operation(path), (int)response.StatusCode,
            error?.Code, correlation);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout =>
                new ConnectorTransientException(response.StatusCode, error?.Code, RetryAfter(response)),
            HttpStatusCode.Forbidden => new ConnectorForbiddenException(error?.Code, error?.SubCode),
            _ => new ConnectorException(response.StatusCode, error?.Code, $"Bot Connector answered {(int)response.StatusCode} {error?.Code}."),
        };
    }

    // Ids in the path are user-related; the log names only the kind of call.
    private static string Operation(string path) =>
        path == "v3/conversations" ? "create-conversation" : path.Contains("/members/", StringComparison.Ordinal) ? "get-member" : "activity";

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? date),
        _ => null,
    };
}
