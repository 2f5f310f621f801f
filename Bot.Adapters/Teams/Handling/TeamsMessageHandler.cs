using System.Text.Json;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// A validated message activity, after the HTTP answer: refresh the conversation reference, then run the typed command or,
/// for an Action.Submit click (older clients), the card action, whose result replaces the clicked card.
/// </summary>
public sealed class TeamsMessageHandler(
    TeamsConversationStore conversations,
    TeamsIdentity identity,
    TeamsCommandHandler commands,
    CardActionHandler cardActions,
    BotConnectorClient connector,
    TemplateRenderer templates)
{
    public async Task HandleAsync(Activity activity, CancellationToken ct)
    {
        var reference = TeamsConversationReference.FromActivity(activity);
        if (reference is not null) await conversations.SaveAsync(reference, ct);
        await conversations.RememberSenderAsync(activity, ct);

        if (activity.Value is { ValueKind: JsonValueKind.Object } value && string.IsNullOrWhiteSpace(activity.Text))
        {
            await HandleSubmitAsync(activity, value, ct);
            return;
        }

        var command = CommandParser.Parse(CommandParser.StripBotMention(activity));
        var principal = TeamsCommandHandler.NeedsNoIdentity(command) ? null : await identity.ResolveAsync(activity, ct);
        if (principal is null && !TeamsCommandHandler.NeedsNoIdentity(command))
        {
            await commands.ReplyTextAsync(activity, "teams/identity_unknown.sbn", new MessageModel(""), ct);
            return;
        }
        var permalink = reference is null || activity.Id is null ? null : TeamsDeepLinks.ForMessage(reference, activity.Conversation!.Id!, activity.Id);
        await commands.HandleAsync(activity, principal, command, permalink, ct);
    }

    private async Task HandleSubmitAsync(Activity activity, JsonElement value, CancellationToken ct)
    {
        var verb = value.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var response = await cardActions.HandleAsync(activity, verb, value, ct);
        if (response.Value is AdaptiveCard card && activity.ReplyToId is { Length: > 0 } replyTo)
        {
            // Action.Submit cannot return a card: replace the clicked one in place (teams.md §4.2).
            await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, replyTo, OutboundActivities.Card(card) with
            {
                Conversation = activity.Conversation,
            }, ct);
            return;
        }
        var text = response.Value as string ?? templates.Render("teams/command_error.sbn",
            ProblemModel.Of(new TeamsProblem(TeamsProblem.UnsupportedAction)), TeamsMarkdownEscaper.Card);
        // Invoke texts are escaped for cards (no HTML entities), so they go out as plain text, where markup is inert.
        await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.Id ?? "",
            OutboundActivities.ReplyTo(activity, OutboundActivities.Text(text) with { TextFormat = "plain" }), ct);
    }
}
