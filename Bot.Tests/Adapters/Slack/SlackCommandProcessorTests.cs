using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using Moq;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackCommandProcessorTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private SlashCommand Slash(string user = "U0ALICE", string text = "") =>
        new(SlackTestKit.TeamId, null, "C0ORIGIN", user, "/access", text, _h.Fake.ResponseUrl, "123.456.abc");

    private Task RunAsync(SlashCommand slash, ParsedCommand parsed) =>
        _h.Get<SlackCommandProcessor>().RunAsync(slash, parsed, CancellationToken.None);

    [Fact]
    public async Task Request_is_submitted_as_the_verified_slack_user_and_answered_on_the_response_url()
    {
        SubmitRequest? sent = null;
        _h.Requests.Setup(r => r.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>()))
            .Callback((SubmitRequest s, CancellationToken _) => sent = s)
            .ReturnsAsync(new SubmitOutcome.Submitted(SlackSamples.Request()));

        await RunAsync(Slash(), new ParsedCommand.Request("prod-db", TimeSpan.FromHours(4), "migrate orders"));

        Assert.NotNull(sent);
        Assert.Equal(SlackSamples.Alice, sent.Requester.Principal);
        Assert.Equal("slack", sent.Requester.Platform);
        Assert.Equal(("prod-db", (TimeSpan?)TimeSpan.FromHours(4), "migrate orders"), (sent.Resource, sent.Duration, sent.Reason));
        _h.Directory.Verify(d => d.LinkAsync("alice@example.com", "Alice", new PlatformIdentity("slack", "U0ALICE"), It.IsAny<CancellationToken>()));
        var answer = await _h.Fake.NextCallAsync("response_url");
        Assert.Contains("Request *#812*", answer.Arg("text"));
        Assert.Contains("step 1 of 2", answer.Arg("text"));
    }

    [Fact]
    public async Task User_without_a_readable_email_gets_a_clear_message_and_the_engine_is_never_called()
    {
        _h.Fake.AddUser("U0NOMAIL", email: null, "Ghost", SlackTestKit.TeamId);

        await RunAsync(Slash("U0NOMAIL"), new ParsedCommand.Request("prod-db", TimeSpan.FromHours(1), "x"));

        Assert.Contains("verified email", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
        _h.Requests.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task User_of_another_workspace_is_not_resolved()
    {
        _h.Fake.AddUser("U0GUEST", "guest@partner.example", "Guest", team: "T0PARTNER");

        await RunAsync(Slash("U0GUEST"), new ParsedCommand.List());

        Assert.Contains("verified email", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
        _h.Directory.Verify(d => d.LinkAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<PlatformIdentity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Incomplete_request_opens_the_form_prefilled_with_what_was_understood()
    {
        await RunAsync(Slash(), new ParsedCommand.RequestForm("prod-db", "soon", null));

        var call = await _h.Fake.NextCallAsync("views.open");
        Assert.Equal("123.456.abc", call.Arg("trigger_id"));
        var view = (JsonObject)call.Args["view"]!;
        Assert.Equal("access_request", (string?)view["callback_id"]);
        var resource = view["blocks"]![0]!["element"]!;
        Assert.Equal(["prod-db", "staging-db"], resource["options"]!.AsArray().Select(o => (string?)o!["value"]));
        Assert.Equal("prod-db", (string?)resource["initial_option"]!["value"]);
        Assert.Equal("soon", (string?)view["blocks"]![1]!["element"]!["initial_value"]);
        _h.Requests.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Engine_refusal_text_is_escaped_before_it_reaches_slack()
    {
        _h.Requests.Setup(r => r.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SubmitOutcome.Refused(new RefusalDetail(Refusal.UnknownResource, new RefusalFacts(RefusedCommand.Submit) { Resource = "<!channel>" })));

        await RunAsync(Slash(), new ParsedCommand.Request("<!channel>", TimeSpan.FromHours(1), null));

        var text = (await _h.Fake.NextCallAsync("response_url")).Arg("text")!;
        Assert.Contains("&lt;!channel&gt;", text);
        Assert.DoesNotContain("<!channel>", text);
    }

    [Fact]
    public async Task Pending_lists_what_the_person_may_approve()
    {
        _h.Queries.Setup(q => q.PendingForApproverAsync(SlackSamples.Bob, It.IsAny<CancellationToken>()))
            .ReturnsAsync([SlackSamples.Request(id: 900)]);

        await RunAsync(Slash("U0BOB"), new ParsedCommand.Pending());

        var text = (await _h.Fake.NextCallAsync("response_url")).Arg("text")!;
        Assert.Contains("Waiting for your approval", text);
        Assert.Contains("*#900* prod-db (4h)", text);
    }

    [Fact]
    public async Task Revoke_passes_the_reason_and_reports_the_new_state()
    {
        _h.Requests.Setup(r => r.RevokeAsync(new RequestId(812), It.Is<Actor>(a => a.Principal == SlackSamples.Bob), "done early", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CommandOutcome.Done(SlackSamples.Request(state: RequestState.Revoked)));

        await RunAsync(Slash("U0BOB"), new ParsedCommand.Revoke(new RequestId(812), "done early"));

        Assert.Contains("is now *revoked*", (await _h.Fake.NextCallAsync("response_url")).Arg("text"));
    }

    [Fact]
    public async Task Identity_is_looked_up_once_for_a_burst_of_commands()
    {
        _h.Queries.Setup(q => q.ListAsync(It.IsAny<RequestFilter>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        await RunAsync(Slash(), new ParsedCommand.List());
        await RunAsync(Slash(), new ParsedCommand.List());

        Assert.Single(_h.Fake.Drain(), c => c.Method == "users.info");
    }

    [Fact]
    public async Task Engine_failure_is_reported_to_the_person_and_still_surfaces()
    {
        _h.Queries.Setup(q => q.ListAsync(It.IsAny<RequestFilter>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database timeout"));
        var dispatcher = _h.Get<AccessBot.Adapters.Slack.Work.SlackWorkDispatcher>();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            dispatcher.RunAsync(new AccessBot.Adapters.Slack.Work.SlackWork.Command(Slash(), new ParsedCommand.List()), CancellationToken.None));

        var text = (await _h.Fake.NextCallAsync("response_url")).Arg("text")!;
        Assert.Contains("Something went wrong", text);
        Assert.DoesNotContain("database timeout", text);
    }
}
