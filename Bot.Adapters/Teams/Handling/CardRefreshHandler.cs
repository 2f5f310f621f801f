using System.Text.Json;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// Answers an approval card's refresh (Universal Actions, teams.md §4.4) with the viewer's own view: Approve / Deny only for
/// someone the engine lets decide the current step now, the outcome without buttons once the request is closed, and the
/// card without buttons for everyone else. Read-only: it sends no command to the engine and writes no audit event.
/// </summary>
public sealed class CardRefreshHandler(
    IChatMessageStore messages,
    IAccessRequestQueries queries,
    TeamsIdentity identity,
    ApprovalCardBuilder approvals,
    ApprovalCardRefresh refresh,
    TemplateRenderer templates,
    ILogger<CardRefreshHandler> logger)
{
    public async Task<AdaptiveCardInvokeResponse> HandleAsync(Activity activity, JsonElement data, CancellationToken ct)
    {
        var conversationId = activity.Conversation?.Id ?? "";
        var posted = activity.ReplyToId is { Length: > 0 } replyTo
            ? await messages.FindAsync(TeamsPlatform.Name, conversationId, replyTo, ct)
            : null;
        // Only a card the bot posted for this very request can be re-rendered: the data is a pointer, never trusted alone.
        if (posted is null || posted.Purpose is not (TeamsCopyRefresher.ApprovalPurpose or TeamsCopyRefresher.EscalationPurpose)
            || CardActionHandler.ReadRequestId(data) is not { } requestId || posted.RequestId != requestId)
        {
            Log.RefreshRefused(logger, activity.From?.AadObjectId);
            return AdaptiveCardInvokeResponse.BadRequest("BadRequest", "The card's data does not match the card.");
        }
        if (await queries.GetAsync(requestId, ct) is not { } request)
            return AdaptiveCardInvokeResponse.BadRequest("NotFound", $"Request #{requestId} does not exist.");

        var viewer = await identity.ResolveAsync(activity, ct);
        var mayDecide = request.State == RequestState.Pending && viewer is not null
            && (await queries.PendingForApproverAsync(viewer, ct)).Any(r => r.Id == request.Id);
        var card = approvals.Build(request, withButtons: mayDecide);
        if (request.State == RequestState.Pending && !mayDecide)
        {
            var isRequester = viewer is not null && (viewer.Id == request.Requester.Id
                || string.Equals(viewer.Email, request.Requester.Email, StringComparison.OrdinalIgnoreCase));
            var note = templates.Render("teams/approval_viewer.sbn",
                new ViewerNoteModel(isRequester, request.CurrentStep, request.TotalSteps), TeamsMarkdownEscaper.Card);
            card = card with { Body = [.. card.Body, new TextBlock(note) { IsSubtle = true, Separator = true }] };
        }
        return AdaptiveCardInvokeResponse.Card(await refresh.AttachAsync(card, request, ct));
    }
}
