using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Teams.Cards;

/// <summary>
/// Puts the Universal Actions refresh on approval cards (teams.md §4.4–4.5): the listed people are the members of the
/// current step's group (and its escalation group) whom the bot knows on Teams, minus the requester and anyone who already
/// decided, so when they open the card Teams asks the bot for their own view. Everyone else sees the posted card and can
/// refresh it by hand. A request that is no longer pending lists nobody.
/// </summary>
public sealed class ApprovalCardRefresh(IPolicyProvider policy, IPrincipalDirectory directory, TeamsConversationStore conversations)
{
    /// <summary>Teams refreshes automatically for at most 60 listed users.</summary>
    public const int MaxUserIds = 60;

    public async Task<AdaptiveCard> AttachAsync(AdaptiveCard card, RequestSnapshot request, CancellationToken ct) =>
        card with { Refresh = new CardRefresh(Action(request.Id), await UserIdsAsync(request, ct)) };

    /// <summary>The refresh action: only a pointer to the request, like the buttons.</summary>
    public static ExecuteAction Action(RequestId id) =>
        new("Refresh", ApprovalCardBuilder.RefreshVerb, new Dictionary<string, string> { ["requestId"] = id.ToString() });

    public async Task<IReadOnlyList<string>> UserIdsAsync(RequestSnapshot request, CancellationToken ct)
    {
        var current = policy.Current;
        if (request.State != RequestState.Pending || current.FindResource(request.Resource) is not { } resource
            || request.CurrentStep < 1 || request.CurrentStep > resource.Steps.Count)
            return [];
        var step = resource.Steps[request.CurrentStep - 1];
        var members = new[] { step.Group, step.EscalateTo }.OfType<string>()
            .Select(current.FindGroup).OfType<GroupPolicy>()
            .SelectMany(g => g.Members).Distinct();

        var userIds = new List<string>();
        foreach (var member in members)
        {
            if (userIds.Count == MaxUserIds) break;
            var person = await PrincipalAsync(member, ct);
            if (person is not null && (person.Id == request.Requester.Id
                || string.Equals(person.Email, request.Requester.Email, StringComparison.OrdinalIgnoreCase)
                || request.Approvals.Any(a => a.Approver.Id == person.Id)))
                continue;
            var aad = member.Kind == MemberKind.TeamsUser ? member.Value : person?.TeamsAadObjectId;
            if (string.IsNullOrWhiteSpace(aad)) continue;
            // The 29: id is the same in every conversation; a personal chat or a channel where they spoke both record it.
            var known = await conversations.FindUserAsync(aad, ct) ?? await conversations.FindMemberAsync(aad, ct);
            if (known?.UserId is { Length: > 0 } userId && !userIds.Contains(userId, StringComparer.Ordinal)) userIds.Add(userId);
        }
        return userIds;
    }

    private async Task<Principal?> PrincipalAsync(MemberRef member, CancellationToken ct) => member.Kind switch
    {
        MemberKind.Email => await directory.FindByEmailAsync(member.Value, ct),
        MemberKind.TeamsUser => await directory.FindAsync(new PlatformIdentity(TeamsPlatform.Name, member.Value), ct),
        MemberKind.SlackUser => await directory.FindAsync(new PlatformIdentity(SlackPlatform.Name, member.Value), ct),
        _ => null,
    };
}
