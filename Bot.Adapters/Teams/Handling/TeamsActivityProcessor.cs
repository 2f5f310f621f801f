using System.Text.Json;
using AccessBot.Adapters.Teams.Auth;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// The <c>/api/messages</c> pipeline: parse, validate the token before anything else, then answer quickly: invokes get their
/// response synchronously, messages are queued for <see cref="TeamsWorkProcessor"/>, install events stored.
/// </summary>
public sealed class TeamsActivityProcessor(
    BotTokenValidator validator,
    TrustedServiceUrls trusted,
    TeamsWorkQueue work,
    CardActionHandler cardActions,
    CardRefreshHandler cardRefreshes,
    InstallationHandler installations,
    TeamsConversationStore conversations)
{
    public const string CardActionInvoke = "adaptiveCard/action";

    public async Task<TeamsHttpResult> ProcessAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body.Span, TeamsJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }
        // Without a parsable body the token cannot be checked against serviceUrl/channelId: 400 and nothing else.
        if (activity?.Type is not { Length: > 0 }) return new TeamsHttpResult(400);

        var auth = await validator.ValidateAsync(authorization, activity, ct);
        if (!auth.IsValid) return new TeamsHttpResult(401);
        if (activity.ServiceUrl is { Length: > 0 } serviceUrl) trusted.Trust(serviceUrl);

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                return work.TryEnqueue(new TeamsWork.InboundMessage(activity)) ? TeamsHttpResult.Ok : new TeamsHttpResult(503);
            case ActivityTypes.Invoke when activity.Name == CardActionInvoke:
                await conversations.RememberSenderAsync(activity, ct); // approvers clicking in a channel can be messaged later
                var response = await InvokeAsync(activity, ct);
                // The HTTP status mirrors the invoke response's, as the Bot Framework SDK does.
                return new TeamsHttpResult(response.StatusCode, response);
            case ActivityTypes.Invoke:
                return new TeamsHttpResult(501);
            case ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate:
                await installations.HandleAsync(activity, ct);
                return TeamsHttpResult.Ok;
            default:
                return TeamsHttpResult.Ok;
        }
    }

    private async Task<AdaptiveCardInvokeResponse> InvokeAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type) || type.GetString() != "Action.Execute")
            return AdaptiveCardInvokeResponse.BadRequest("BadRequest", "Missing Action.Execute in the invoke value.");
        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var data = action.TryGetProperty("data", out var d) ? d : default;
        // A refresh only renders a view; it never reaches the handler that sends commands to the engine.
        if (verb == ApprovalCardBuilder.RefreshVerb) return await cardRefreshes.HandleAsync(activity, data, ct);
        return await cardActions.HandleAsync(activity, verb, data, ct);
    }
}
