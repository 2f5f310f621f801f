using System.Net;
using System.Text.Json;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AccessBot.Tests.Adapters.Teams;

/// <summary>
/// The Universal Actions refresh on approval cards, through the real endpoint with invokes signed like the Bot Connector's:
/// each viewer gets their own view, and a refresh never reaches the engine's commands (the service mock is strict).
/// </summary>
public sealed class TeamsCardRefreshTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string CardMessageId = "1700000005000";
    private static readonly string Thread = $"{TeamsTestActivities.ApprovalChannel};messageid={CardMessageId}";
    private TeamsAdapterHarness _h = null!;
    private RequestSnapshot _pending = null!;

    public async Task InitializeAsync()
    {
        _h = await TeamsAdapterHarness.StartAsync(database.DataSource);
        _h.Directory.Add(TeamsTestRequests.Alice);
        _h.Directory.Add(TeamsTestRequests.Bob);
        _h.Directory.Add(TeamsTestRequests.Carol);
        _pending = TeamsTestRequests.Pending(id: Random.Shared.NextInt64(1, 1_000_000));
        await _h.Messages.RecordAsync(new PostedMessage(_pending.Id, "teams", Thread, CardMessageId, null, "approval"), default);
        // Bob has a personal chat with the bot, so the card can name him for automatic refresh.
        await using var scope = _h.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TeamsConversationStore>().SaveAsync(
            TeamsConversationReference.FromActivity(TeamsTestActivities.Personal(_h.Connector.ServiceUrl, "hi", "29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!))!, default);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_approval_card_posted_to_the_channel_names_the_known_approvers_for_automatic_refresh()
    {
        // A request without a card yet: one that has a card in the channel would be edited instead of posted.
        var fresh = TeamsTestRequests.Pending(id: _pending.Id.Value + 1);
        await using (var scope = _h.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TeamsConversationStore>().SaveAsync(
                TeamsConversationReference.FromActivity(TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "help"))!, default);
            var notifier = scope.ServiceProvider.GetServices<IChatNotifier>().Single(n => n.Platform == "teams");
            await notifier.DeliverAsync(new ChatNotification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ApprovalRequested,
                fresh, NotificationAudience.Channel("approvals")), default);
        }

        var create = await _h.NextCallOfKindAsync("create");
        var card = create.Body!.Value.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var refresh = card.GetProperty("refresh");
        Assert.Equal("refreshCard", refresh.GetProperty("action").GetProperty("verb").GetString());
        Assert.Equal(fresh.Id.ToString(), refresh.GetProperty("action").GetProperty("data").GetProperty("requestId").GetString());
        Assert.Equal(["29:bob"], refresh.GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task An_approver_who_opens_the_card_gets_the_buttons_and_the_engine_is_only_read()
    {
        _h.Queries.Setup(q => q.GetAsync(_pending.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_pending);
        _h.Queries.Setup(q => q.PendingForApproverAsync(It.Is<Principal>(p => p.Email == "bob@example.com"), It.IsAny<CancellationToken>()))
            .ReturnsAsync([_pending]);

        var card = await RefreshAsync("29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!);

        Assert.Equal(["approve", "deny"], card.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("verb").GetString()));
        Assert.Equal("refreshCard", card.GetProperty("refresh").GetProperty("action").GetProperty("verb").GetString());
        _h.Service.VerifyNoOtherCalls();
        Assert.Equal(0, await AuditRowsAsync());
    }

    [Fact]
    public async Task Someone_who_may_not_decide_the_current_step_sees_the_current_card_without_buttons()
    {
        _h.Queries.Setup(q => q.GetAsync(_pending.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_pending);
        _h.Queries.Setup(q => q.PendingForApproverAsync(It.IsAny<Principal>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var carol = await RefreshAsync("29:carol", TeamsTestRequests.Carol.TeamsAadObjectId!);
        var requester = await RefreshAsync("29:alice", TeamsTestRequests.Alice.TeamsAadObjectId!);

        Assert.False(carol.TryGetProperty("actions", out _));
        Assert.Contains("Only approvers of step 1 of 2 can decide this request.", carol.GetRawText());
        Assert.False(requester.TryGetProperty("actions", out _));
        Assert.Contains("This is your request", requester.GetRawText());
        _h.Service.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_decided_request_refreshes_to_its_outcome_with_no_buttons_and_nobody_left_to_refresh()
    {
        var approved = TeamsTestRequests.Approved(_pending, TeamsTestRequests.Bob);
        _h.Queries.Setup(q => q.GetAsync(_pending.Id, It.IsAny<CancellationToken>())).ReturnsAsync(approved);

        var card = await RefreshAsync("29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!);

        Assert.False(card.TryGetProperty("actions", out _));
        Assert.Contains("Approved by Bob", card.GetRawText());
        Assert.Equal(0, card.GetProperty("refresh").GetProperty("userIds").GetArrayLength());
        _h.Queries.Verify(q => q.PendingForApproverAsync(It.IsAny<Principal>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_refresh_whose_data_names_another_request_is_refused_without_reading_any_request()
    {
        var response = await _h.SendAsync(Invoke("29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!, requestId: _pending.Id.Value + 1));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("The card's data does not match the card.", body.GetProperty("value").GetProperty("message").GetString());
        _h.Queries.Verify(q => q.GetAsync(It.IsAny<RequestId>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private async Task<JsonElement> RefreshAsync(string userId, string aad)
    {
        var response = await _h.SendAsync(Invoke(userId, aad));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, body.GetProperty("type").GetString());
        return body.GetProperty("value");
    }

    private Activity Invoke(string userId, string aad, long? requestId = null) =>
        TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "", userId, aad) with
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Text = null,
            Entities = null,
            Conversation = new ConversationAccount(Thread, "channel", TeamsTestActivities.Tenant, true),
            ReplyToId = CardMessageId,
            Value = JsonSerializer.SerializeToElement(new
            {
                action = new { type = "Action.Execute", verb = "refreshCard", data = new { requestId = (requestId ?? _pending.Id.Value).ToString() } },
                trigger = "automatic",
            }),
        };

    private async Task<long> AuditRowsAsync()
    {
        await using var command = database.DataSource.CreateCommand("select count(*) from audit_events where request_id = $1");
        command.Parameters.AddWithValue(_pending.Id.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
