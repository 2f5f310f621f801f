using System.Text.Json.Nodes;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class StoreTests(PostgresFixture db)
{
    private readonly PostgresPrincipalDirectory _directory =
        new(db.DataSource, [new IdentityColumn("slack", "slack_user_id"), new IdentityColumn("teams", "teams_aad_object_id")]);

    [Fact]
    public async Task Principal_is_found_by_email_whatever_its_case_and_keeps_one_id()
    {
        var email = EngineHarness.NewEmail("Pat");

        var first = await _directory.ResolveByEmailAsync(email, "Pat", CancellationToken.None);
        var second = await _directory.ResolveByEmailAsync(email.ToUpperInvariant(), "Pat Smith", CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("Pat Smith", (await _directory.FindByEmailAsync(email.ToLowerInvariant(), CancellationToken.None))!.DisplayName);
    }

    [Fact]
    public async Task Linking_platform_accounts_joins_them_on_one_principal()
    {
        var email = EngineHarness.NewEmail("sam");
        var slackId = "U" + Guid.NewGuid().ToString("N")[..10];
        var aadId = Guid.NewGuid().ToString();

        var viaFirst = await _directory.LinkAsync(email, "Sam", new PlatformIdentity("slack", slackId), CancellationToken.None);
        var viaSecond = await _directory.LinkAsync(email, "Sam", new PlatformIdentity("teams", aadId), CancellationToken.None);

        Assert.Equal(viaFirst.Id, viaSecond.Id);
        Assert.Equal((slackId, aadId), (viaSecond.SlackUserId, viaSecond.TeamsAadObjectId));
        Assert.Equal(viaFirst.Id, (await _directory.FindAsync(new PlatformIdentity("teams", aadId), CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task A_platform_account_relinked_to_another_email_moves_to_that_principal()
    {
        var userId = "U" + Guid.NewGuid().ToString("N")[..10];
        var old = await _directory.LinkAsync(EngineHarness.NewEmail("old"), "Old", new PlatformIdentity("slack", userId), CancellationToken.None);

        var renamed = await _directory.LinkAsync(EngineHarness.NewEmail("new"), "New", new PlatformIdentity("slack", userId), CancellationToken.None);

        Assert.NotEqual(old.Id, renamed.Id);
        Assert.Equal(renamed.Id, (await _directory.FindAsync(new PlatformIdentity("slack", userId), CancellationToken.None))!.Id);
        Assert.Null((await _directory.FindByEmailAsync(old.Email, CancellationToken.None))!.SlackUserId);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("space @example.com")]
    public async Task Malformed_email_is_refused(string email)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _directory.ResolveByEmailAsync(email, "x", CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_platform_label_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _directory.FindAsync(new PlatformIdentity("irc", "nick"), CancellationToken.None));
    }

    [Fact]
    public async Task A_platform_without_a_registered_column_cannot_link_and_no_other_column_can_be_registered()
    {
        var withoutColumns = new PostgresPrincipalDirectory(db.DataSource, []);

        await Assert.ThrowsAsync<ArgumentException>(() => withoutColumns.LinkAsync(
            EngineHarness.NewEmail("nobody"), "Nobody", new PlatformIdentity("slack", "U0NOBODY"), CancellationToken.None));
        Assert.Throws<ArgumentException>(() =>
            new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddIdentityColumn("irc", "email; drop table principals"));
    }

    [Fact]
    public async Task Chat_messages_are_recorded_once_and_listed_per_request_and_platform()
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var store = new PostgresChatMessageStore(db.DataSource);
        var message = new PostedMessage(request.Id, "p1", "C1", $"{Guid.NewGuid():N}", null, "approval");

        await store.RecordAsync(message, CancellationToken.None);
        await store.RecordAsync(message with { Permalink = "https://chat.example/m" }, CancellationToken.None);
        await store.RecordAsync(message with { Platform = "p2" }, CancellationToken.None);

        var listed = Assert.Single(await store.ForRequestAsync(request.Id, "p1", CancellationToken.None));
        Assert.Equal("https://chat.example/m", listed.Permalink);
        Assert.Equal(request.Id, (await store.FindAsync("p2", "C1", message.MessageId, CancellationToken.None))!.RequestId);
        Assert.Null(await store.FindAsync("p1", "C1", "missing", CancellationToken.None));
    }

    [Fact]
    public async Task Conversation_references_are_saved_replaced_listed_and_deleted()
    {
        var store = new PostgresConversationReferenceStore(db.DataSource);
        var platform = $"p-{Guid.NewGuid():N}";

        await store.SaveAsync(platform, "k1", new JsonObject { ["conversation"] = "a" }, CancellationToken.None);
        await store.SaveAsync(platform, "k1", new JsonObject { ["conversation"] = "b" }, CancellationToken.None);
        await store.SaveAsync(platform, "k2", new JsonObject { ["conversation"] = "c" }, CancellationToken.None);
        await store.DeleteAsync(platform, "k2", CancellationToken.None);

        Assert.Equal("b", (await store.FindAsync(platform, "k1", CancellationToken.None))!["conversation"]!.GetValue<string>());
        Assert.Equal(["k1"], (await store.ListAsync(platform, CancellationToken.None)).Select(r => r.Key));
        Assert.Null(await store.FindAsync(platform, "k2", CancellationToken.None));
    }

    [Fact]
    public async Task Pending_list_for_an_approver_excludes_own_requests_and_other_groups()
    {
        await using var h = new EngineHarness(db.DataSource);
        var forBob = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var bobsOwn = await h.SubmitAsync(EngineHarness.Bob);
        var leadsStep = await h.SubmitAsync(EngineHarness.NewEmail("alice"), "two-step");
        await h.DecideAsync(leadsStep.Id, EngineHarness.Carol);

        var pending = await h.Queries.PendingForApproverAsync((await h.PersonAsync(EngineHarness.Bob)).Principal!, CancellationToken.None);
        var listed = await h.Queries.ListAsync(new RequestFilter(RequestState.Pending, bobsOwn.Requester.Id), 10, CancellationToken.None);

        Assert.Contains(pending, r => r.Id == forBob.Id);
        Assert.DoesNotContain(pending, r => r.Id == bobsOwn.Id || r.Id == leadsStep.Id);
        Assert.Contains(listed, r => r.Id == bobsOwn.Id);
        Assert.All(listed, r => Assert.Equal(EngineHarness.Bob, r.Requester.Email));
        await h.DecideAsync(bobsOwn.Id, EngineHarness.Carol, approve: false);
    }
}
