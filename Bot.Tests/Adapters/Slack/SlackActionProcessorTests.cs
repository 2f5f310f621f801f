using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Interactions;
using AccessBot.Adapters.Slack.Work;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using Moq;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackActionProcessorTests(PostgresFixture db) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Channel = "C0DBAPPROVALS";
    private const string Ts = "1700000000.000101";
    private const string Permalink = "https://fake.slack.test/archives/C0DBAPPROVALS/p1700000000000101";
    private SlackHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await SlackHarness.StartAsync(db.DataSource);
        _h.ChatMessages.Setup(m => m.FindAsync("slack", Channel, Ts, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PostedMessage(new RequestId(812), "slack", Channel, Ts, Permalink, "approval"));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task ClickAsync(string action, string value, string channel = Channel, string ts = Ts, string user = "U0BOB")
    {
        var reply = _h.Get<SlackInteractionHandler>().Handle(SlackSigner.Request("interactions",
            SlackPayloads.Click(action, value, channel, ts, _h.Fake.ResponseUrl, user: user), _h.Time.GetUtcNow()));
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(1, await _h.RunQueuedAsync());
    }

    private async Task<JsonObject?> LastAuditAsync(string action)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "select json_build_object('actor', actor, 'permalink', permalink, 'request_id', request_id, 'details', details)::text " +
            "from audit_events where action = $1 order by seq desc limit 1");
        cmd.Parameters.AddWithValue(action);
        return await cmd.ExecuteScalarAsync() is string json ? JsonNode.Parse(json) as JsonObject : null;
    }

    [Fact]
    public async Task Approve_on_the_bots_own_message_decides_as_the_clicker_with_the_permalink()
    {
        DecideRequest? sent = null;
        _h.Requests.Setup(r => r.DecideAsync(It.IsAny<DecideRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DecideRequest d, CancellationToken _) => sent = d)
            .ReturnsAsync(new DecisionOutcome.Recorded(SlackSamples.Request(state: RequestState.Active)));

        await ClickAsync("approve", "812");

        Assert.NotNull(sent);
        Assert.Equal((new RequestId(812), true), (sent.RequestId, sent.Approve));
        Assert.Equal(Actor.Person(SlackSamples.Bob, "slack", Permalink), sent.Approver);
        Assert.Contains("You approved", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
    }

    [Fact]
    public async Task Click_on_a_message_of_another_request_is_refused_audited_and_explained()
    {
        await ClickAsync("approve", "999");

        _h.Requests.VerifyNoOtherCalls();
        Assert.Contains("not an AccessBot message for this request", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
        var audit = await LastAuditAsync("slack.click_refused");
        Assert.NotNull(audit);
        Assert.Equal(999, (long?)audit["request_id"]);
        Assert.Equal("message_not_ours", (string?)audit["details"]!["reason"]);
    }

    [Fact]
    public async Task Click_on_a_message_the_bot_never_posted_is_refused()
    {
        await ClickAsync("approve", "812", channel: "C0ELSEWHERE", ts: "1.000001");

        _h.Requests.VerifyNoOtherCalls();
        Assert.Contains("not an AccessBot message", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
    }

    [Fact]
    public async Task Unknown_action_id_is_refused_without_touching_the_engine()
    {
        await ClickAsync("grant_everything", "812");

        _h.Requests.VerifyNoOtherCalls();
        Assert.Equal("unknown", (string?)(await LastAuditAsync("slack.click_refused"))!["details"]!["action"]);
    }

    [Fact]
    public async Task Second_click_is_told_who_decided_first()
    {
        var closed = SlackSamples.Request(state: RequestState.Denied,
            approvals: [new ApprovalRecord(1, SlackSamples.Alice with { SlackUserId = "U0CAROL", DisplayName = "Carol" }, false, null, "teams", null, DateTimeOffset.UnixEpoch)]);
        _h.Requests.Setup(r => r.DecideAsync(It.IsAny<DecideRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DecisionOutcome.AlreadyClosed(closed));

        await ClickAsync("approve", "812");

        var text = (await _h.Fake.NextCallAsync("response_url")).Arg("text")!;
        Assert.Contains("was already *denied* by <@U0CAROL>", text);
    }

    [Fact]
    public async Task Deny_opens_the_comment_modal_and_decides_only_on_submit()
    {
        await ClickAsync("deny", "812");

        var view = (JsonObject)(await _h.Fake.NextCallAsync("views.open")).Args["view"]!;
        Assert.Equal("deny_comment", (string?)view["callback_id"]);
        _h.Requests.VerifyNoOtherCalls();

        DecideRequest? sent = null;
        _h.Requests.Setup(r => r.DecideAsync(It.IsAny<DecideRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DecideRequest d, CancellationToken _) => sent = d)
            .ReturnsAsync(new DecisionOutcome.Recorded(SlackSamples.Request(state: RequestState.Denied)));
        var reply = _h.Get<SlackInteractionHandler>().Handle(SlackSigner.Request("interactions",
            SlackPayloads.Submission("deny_comment", new JsonObject { ["comment"] = SlackPayloads.Input("not during the freeze") },
                (string?)view["private_metadata"], user: "U0BOB"), _h.Time.GetUtcNow()));
        Assert.Equal((200, null), (reply.StatusCode, reply.Body));
        Assert.IsType<SlackWork.DenyForm>(await PeekAndRunAsync());

        Assert.NotNull(sent);
        Assert.Equal((false, "not during the freeze"), (sent.Approve, sent.Comment));
        Assert.Equal(Permalink, sent.Approver.Permalink);
    }

    private async Task<SlackWork> PeekAndRunAsync()
    {
        var queue = _h.Get<SlackWorkQueue>();
        Assert.True(queue.Reader.TryPeek(out var work));
        await _h.RunQueuedAsync();
        return work;
    }

    [Fact]
    public async Task Engine_refusal_of_a_click_is_explained_and_audited_with_the_clicker_and_permalink()
    {
        _h.Requests.Setup(r => r.DecideAsync(It.IsAny<DecideRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DecisionOutcome.Refused(new RefusalDetail(Refusal.SelfApproval, new RefusalFacts(RefusedCommand.Decide) { RequestId = new RequestId(812) }), SlackSamples.Request()));

        await ClickAsync("approve", "812", user: "U0ALICE");

        Assert.Contains("You cannot decide your own request.", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
        var audit = (await LastAuditAsync("slack.click_refused"))!;
        Assert.Equal(("alice@example.com", Permalink, "SelfApproval"),
            ((string?)audit["actor"], (string?)audit["permalink"], (string?)audit["details"]!["reason"]));
    }
}
