namespace AccessBot.Adapters.Teams.Protocol;

/// <summary>The body Teams expects for an <c>adaptiveCard/action</c> invoke (teams.md §4.3).</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, object Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static AdaptiveCardInvokeResponse Card(object card) => new(200, CardType, card);

    public static AdaptiveCardInvokeResponse Message(string text) => new(200, MessageType, text);

    public static AdaptiveCardInvokeResponse BadRequest(string code, string message) => new(400, ErrorType, new ConnectorError(code, message));
}
