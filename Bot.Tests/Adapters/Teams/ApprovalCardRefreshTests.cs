using System.Text.Json;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Tests.Fakes.Teams;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Moq;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class ApprovalCardRefreshTests
{
    private readonly InMemoryPrincipalDirectory _directory = new();
    private readonly InMemoryConversationReferenceStore _references = new();

    private ApprovalCardRefresh Refresh(params MemberRef[] members)
    {
        var policy = TeamsTestRequests.Policy();
        policy = policy with { Groups = new Dictionary<string, GroupPolicy> { ["db-owners"] = new("db-owners", members) } };
        var provider = new Mock<IPolicyProvider>();
        provider.Setup(p => p.Current).Returns(policy);
        return new ApprovalCardRefresh(provider.Object, _directory, new TeamsConversationStore(_references));
    }

    private async Task KnownOnTeamsAsync(Principal person, string userId, bool personal = true)
    {
        _directory.Add(person);
        var store = new TeamsConversationStore(_references);
        var seen = TeamsTestActivities.Personal("https://smba.example.test/", "hi", userId, person.TeamsAadObjectId!);
        if (personal) await store.SaveAsync(TeamsConversationReference.FromActivity(seen)!, default);
        else await store.RememberSenderAsync(TeamsTestActivities.ChannelMention("https://smba.example.test/", "hi", userId, person.TeamsAadObjectId!), default);
    }

    private static Principal Person(int n) => new(new PrincipalId(Guid.NewGuid()), $"p{n}@example.com", $"P{n}",
        TeamsAadObjectId: $"dddddddd-0000-0000-0000-{n:000000000000}");

    [Fact]
    public async Task Approvers_known_on_Teams_are_listed_by_user_id_without_the_requester_or_anyone_who_already_decided()
    {
        var dave = Person(4);
        var erin = new Principal(new PrincipalId(Guid.NewGuid()), "erin@example.com", "Erin"); // never seen on Teams
        await KnownOnTeamsAsync(TeamsTestRequests.Alice, "29:alice");
        await KnownOnTeamsAsync(TeamsTestRequests.Bob, "29:bob");
        await KnownOnTeamsAsync(TeamsTestRequests.Carol, "29:carol", personal: false);
        await KnownOnTeamsAsync(dave, "29:dave");
        _directory.Add(erin);
        var refresh = Refresh(
            new MemberRef(MemberKind.Email, "alice@example.com"), new MemberRef(MemberKind.Email, "bob@example.com"),
            new MemberRef(MemberKind.TeamsUser, TeamsTestRequests.Carol.TeamsAadObjectId!), new MemberRef(MemberKind.Email, dave.Email),
            new MemberRef(MemberKind.Email, erin.Email));
        var pending = TeamsTestRequests.Pending() with
        {
            Approvals = [new ApprovalRecord(1, dave, true, null, "teams", null, TeamsTestRequests.Now)],
        };

        Assert.Equal(["29:bob", "29:carol"], await refresh.UserIdsAsync(pending, default));
    }

    [Fact]
    public async Task At_most_sixty_people_are_listed_because_Teams_refreshes_no_more()
    {
        var members = new List<MemberRef>();
        for (var n = 1; n <= 75; n++)
        {
            var person = Person(n);
            await KnownOnTeamsAsync(person, $"29:p{n}");
            members.Add(new MemberRef(MemberKind.Email, person.Email));
        }

        var userIds = await Refresh([.. members]).UserIdsAsync(TeamsTestRequests.Pending(), default);

        Assert.Equal(ApprovalCardRefresh.MaxUserIds, userIds.Count);
        Assert.Equal("29:p60", userIds[^1]);
    }

    [Fact]
    public async Task A_closed_request_keeps_its_refresh_action_but_lists_nobody_so_no_view_refreshes_by_itself()
    {
        await KnownOnTeamsAsync(TeamsTestRequests.Carol, "29:carol");
        var approved = TeamsTestRequests.Approved(TeamsTestRequests.Pending(), TeamsTestRequests.Bob);
        var card = await Refresh(new MemberRef(MemberKind.Email, "carol@example.com"))
            .AttachAsync(new AdaptiveCard([new TextBlock("x")]), approved, default);

        var json = JsonSerializer.SerializeToElement(card, TeamsJson.Options).GetProperty("refresh");
        Assert.Equal("Action.Execute", json.GetProperty("action").GetProperty("type").GetString());
        Assert.Equal("refreshCard", json.GetProperty("action").GetProperty("verb").GetString());
        Assert.Equal("42", json.GetProperty("action").GetProperty("data").GetProperty("requestId").GetString());
        // Written as [], not left out: a card without userIds would refresh for every viewer in small chats.
        Assert.Equal(JsonValueKind.Array, json.GetProperty("userIds").ValueKind);
        Assert.Equal(0, json.GetProperty("userIds").GetArrayLength());
    }
}
