using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Re-renders every card the bot posted for a request from its current snapshot (teams.md §4.5 step 2).</summary>
public sealed class TeamsCopyRefresher(
    IAccessRequestQueries queries, IChatMessageStore messages, TeamsMessenger messenger,
    ApprovalCardBuilder approvals, ApprovalCardRefresh refresh, ExpiringSoonCardBuilder expiring)
{
    public const string ApprovalPurpose = "approval";
    public const string EscalationPurpose = "escalation";
    public const string ExpiringPurpose = "expiring";

    public async Task RefreshAsync(RequestId requestId, string? exceptChannel, string? exceptMessageId, CancellationToken ct)
    {
        if (await queries.GetAsync(requestId, ct) is not { } request) return;
        await RefreshAsync(request, exceptChannel, exceptMessageId, ct);
    }

    public async Task RefreshAsync(RequestSnapshot request, string? exceptChannel, string? exceptMessageId, CancellationToken ct)
    {
        AdaptiveCard? approval = null; // built once: every copy lists the same people for refresh
        foreach (var message in await messages.ForRequestAsync(request.Id, TeamsPlatform.Name, ct))
        {
            if (message.Channel == exceptChannel && message.MessageId == exceptMessageId) continue;
            AdaptiveCard? card = message.Purpose switch
            {
                // The edit makes Teams refresh the listed approvers' views again (teams.md §4.5 step 2).
                ApprovalPurpose or EscalationPurpose => approval ??= await refresh.AttachAsync(approvals.Build(request), request, ct),
                ExpiringPurpose => expiring.Build(request),
                _ => null,
            };
            if (card is not null) await messenger.UpdateAsync(message, card, ct);
        }
    }
}
