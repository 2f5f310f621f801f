using System.Net;
using System.Text.Json;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Moq;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class TeamsCardClickTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Conversation = "a:personal-29:alice";
    private TeamsAdapterHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await TeamsAdapterHarness.StartAsync(database.DataSource);
        _h.Directory.Add(TeamsTestRequests.Alice);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_action_submit_click_from_an_older_client_is_decided_and_replaces_the_clicked_card()
    {
        var pending = TeamsTestRequests.Pending(requester: TeamsTestRequests.Bob);
        await _h.Messages.RecordAsync(new PostedMessage(pending.Id, "teams", Conversation, "1700000000700", null, "approval"), default);
        _h.Service.Setup(s => s.DecideAsync(It.Is<DecideRequest>(r => r.Approve && r.Approver.Name == "alice@example.com"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DecisionOutcome.Recorded(TeamsTestRequests.Approved(pending, TeamsTestRequests.Alice)));

        var submit = _h.Personal("") with
        {
            Text = null,
            ReplyToId = "1700000000700",
            Value = JsonSerializer.SerializeToElement(new { verb = "approve", requestId = "42", comment = "" }),
        };
        Assert.Equal(HttpStatusCode.OK, (await _h.SendAsync(submit)).StatusCode);

        var update = await _h.NextCallOfKindAsync("update");
        Assert.Equal("/v3/conversations/a%3Apersonal-29%3Aalice/activities/1700000000700", update.RawTarget);
        var card = TeamsAdapterHarness.Card(update);
        Assert.Contains("You approved request #42", card.GetRawText());
        Assert.False(card.TryGetProperty("actions", out _));
    }

    [Fact]
    public async Task Release_on_the_expiry_card_gives_the_access_back_and_shows_the_new_state()
    {
        var active = TeamsTestRequests.Approved(TeamsTestRequests.Pending(), TeamsTestRequests.Bob);
        await _h.Messages.RecordAsync(new PostedMessage(active.Id, "teams", Conversation, "1700000000800", null, "expiring"), default);
        _h.Service.Setup(s => s.ReleaseAsync(active.Id, It.Is<AccessBot.Workflows.Identity.Actor>(a => a.Name == "alice@example.com"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CommandOutcome.Done(active with { State = RequestState.Revoked, ClosedReason = "released by requester" }));

        var response = await _h.SendAsync(Invoke("release", "1700000000800"));
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value");
        Assert.Contains("revoked", card.GetRawText());
        Assert.False(card.TryGetProperty("actions", out _));
    }

    [Fact]
    public async Task An_approve_verb_forged_onto_an_expiry_card_is_refused_without_reaching_the_engine()
    {
        var active = TeamsTestRequests.Approved(TeamsTestRequests.Pending(), TeamsTestRequests.Bob);
        await _h.Messages.RecordAsync(new PostedMessage(active.Id, "teams", Conversation, "1700000000900", null, "expiring"), default);
        var response = await _h.SendAsync(Invoke("approve", "1700000000900"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        _h.Service.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Submitting_the_form_creates_the_request_and_a_refusal_returns_the_form_with_the_reason()
    {
        await _h.Messages.RecordAsync(new PostedMessage(null, "teams", Conversation, "1700000001000", null, "form"), default);
        _h.Service.SetupSequence(s => s.SubmitAsync(It.Is<SubmitRequest>(r => r.Resource == "prod-db" && r.Duration == TimeSpan.FromHours(2)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SubmitOutcome.Refused(new RefusalDetail(Refusal.ReasonRequired, new RefusalFacts(RefusedCommand.Submit) { Resource = "prod-db" })))
            .ReturnsAsync(new SubmitOutcome.Submitted(TeamsTestRequests.Pending()));

        var refused = await _h.SendAsync(Invoke("submitRequest", "1700000001000", new { resource = "prod-db", duration = "2h", reason = "" }));
        var form = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("value");
        Assert.Contains("Not submitted: **prod-db** requires a reason.", form.GetRawText());
        Assert.Contains(form.GetProperty("body").EnumerateArray(), e => e.TryGetProperty("id", out var id) && id.GetString() == "duration"
            && e.GetProperty("value").GetString() == "2h");

        var accepted = await _h.SendAsync(Invoke("submitRequest", "1700000001000", new { resource = "prod-db", duration = "2h", reason = "fix" }));
        Assert.Contains("#42", await accepted.Content.ReadAsStringAsync());

        var malformed = await _h.SendAsync(Invoke("submitRequest", "1700000001000", new { resource = "prod-db", duration = "soon", reason = "x" }));
        Assert.Contains("duration must look like", await malformed.Content.ReadAsStringAsync());
        _h.Service.Verify(s => s.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private Activity Invoke(string verb, string replyToId, object? data = null) => _h.Personal("") with
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        Text = null,
        ReplyToId = replyToId,
        Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data = data ?? new { requestId = "42", duration = "1h" } } }),
    };
}
