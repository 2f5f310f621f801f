using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Teams;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Host.Endpoints;
using AccessBot.Tests.Adapters.Slack;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Tests.Fakes.Teams;
using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Workflows;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AccessBot.Tests.Adapters.Teams;

/// <summary>
/// The Teams adapter against the real engine on PostgreSQL: a request typed in Teams, its approval card posted to the channel
/// by the delivery job, a refused self-approval and an approval clicked in Teams, all checked in the database. The Slack
/// adapter runs beside it (against a fake Slack Web API), so a request made in Slack can be decided in Teams.
/// </summary>
public sealed class TeamsEngineEndToEndTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string AliceAad = "aaaaaaaa-0000-0000-0000-0000000000e1";
    private const string BobAad = "bbbbbbbb-0000-0000-0000-0000000000e2";
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private NpgsqlDataSource _db = null!;
    private FakeBotConnector _connector = null!;
    private FakeSlackServer _slack = null!;
    private BotTokenMinter _minter = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _db = await database.CreateIsolatedDatabaseAsync($"te{Guid.NewGuid():N}"[..12]);
        _connector = await FakeBotConnector.StartAsync();
        _slack = await FakeSlackServer.StartAsync();
        _slack.AddUser("U0ALICE", "alice@example.com", "Alice", SlackTestKit.TeamId);
        _minter = new BotTokenMinter(_connector, _time);
        var policy = new PolicyBuilder()
            .Group("db-owners", "bob@example.com")
            .Resource("prod-db", r => r.Step("db-owners").Durations(TimeSpan.FromHours(1), TimeSpan.FromHours(8)).ReasonRequired())
            .Build();
        policy = policy with
        {
            Channels = new Dictionary<string, ChannelPolicy>
            {
                [ChannelPolicy.Approvals] = new(ChannelPolicy.Approvals, new Dictionary<string, string>
                {
                    ["teams"] = TeamsTestActivities.ApprovalChannel,
                    ["slack"] = SlackTestKit.ApprovalChannel,
                }),
            },
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // As strict as Development: a singleton holding a scoped service fails here.
        builder.Host.UseDefaultServiceProvider(o => { o.ValidateScopes = true; o.ValidateOnBuild = true; });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TeamsTestActivities.AppId,
            ["Teams:AppPassword"] = "e2e-secret",
            ["Teams:OpenIdMetadataUrl"] = _connector.OpenIdMetadataUrl,
            ["Teams:TokenEndpoint"] = _connector.TokenEndpoint,
            ["Teams:AllowedTenants:0"] = TeamsTestActivities.Tenant,
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = FakeSlackServer.Token,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
            ["Slack:TeamId"] = SlackTestKit.TeamId,
            ["Slack:ApprovalChannel"] = SlackTestKit.ApprovalChannel,
            ["Slack:SecurityChannel"] = SlackTestKit.SecurityChannel,
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_db);
        builder.Services.AddSingleton<IPolicyProvider>(new SettablePolicyProvider(policy));
        builder.Services.AddSingleton(EngineHarness.RecordingJobClient().Object);
        builder.Services.AddWorkflows();
        builder.Services.AddTeamsAdapter();
        builder.Services.AddSlackAdapter();
        _app = builder.Build();
        _app.MapTeams();
        _app.MapSlack();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
        await _slack.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_request_typed_in_Teams_is_approved_from_its_channel_card_with_the_click_audited_by_permalink()
    {
        _connector.AddMember("29:alice", AliceAad, "alice@example.com", "Alice");
        _connector.AddMember("29:bob", BobAad, "bob@example.com", "Bob");

        // The app is added to the team's approvals channel.
        var install = TeamsTestActivities.ChannelMention(_connector.ServiceUrl, "") with
        {
            Type = ActivityTypes.ConversationUpdate, Text = null, Entities = null,
            Conversation = new ConversationAccount(TeamsTestActivities.ApprovalChannel, "channel", TeamsTestActivities.Tenant, true),
            MembersAdded = [new ChannelAccount(TeamsTestActivities.BotId, "AccessBot")],
        };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(install)).StatusCode);

        // Alice asks in her personal chat.
        await PostAsync(TeamsTestActivities.Personal(_connector.ServiceUrl, "request prod-db 4h rotate the keys", "29:alice", AliceAad));
        var reply = await NextAsync("reply");
        var requestId = await ScalarAsync<long>("select id from access_requests where resource = 'prod-db'");
        Assert.Contains($"#{requestId}", reply.Body!.Value.GetProperty("text").GetString());
        Assert.Equal("alice@example.com", await ScalarAsync<string>(
            $"select p.email from access_requests r join principals p on p.id = r.requester_id where r.id = {requestId}"));
        Assert.Equal(AliceAad, await ScalarAsync<string>("select teams_aad_object_id from principals where email = 'alice@example.com'"));

        // The engine's delivery job posts the approval card into the channel.
        var outboxId = await ScalarAsync<long>(
            $"select id from outbox_items where request_id = {requestId} and kind = 'notify' and payload ->> 'kind' = 'ApprovalRequested'");
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverNotificationJob>().RunAsync(outboxId, CancellationToken.None);
        var create = await NextAsync("create");
        Assert.Contains("rotate the keys", create.Body!.Value.GetRawText());
        var channel = await ScalarAsync<string>($"select channel from chat_messages where request_id = {requestId} and purpose = 'approval'");
        var messageId = await ScalarAsync<string>($"select message_id from chat_messages where request_id = {requestId} and purpose = 'approval'");
        var permalink = await ScalarAsync<string>($"select permalink from chat_messages where request_id = {requestId} and purpose = 'approval'");
        Assert.StartsWith("https://teams.microsoft.com/l/message/", permalink);
        Assert.Equal(permalink, await ScalarAsync<string>($"select permalink from audit_events where request_id = {requestId} and action = 'chat.posted'"));

        // Alice cannot approve her own request: the engine refuses, the card says why, nothing changes.
        var own = await ClickAsync("approve", requestId, channel, messageId, "29:alice", AliceAad);
        Assert.Contains("Not done", own.GetProperty("value").GetRawText());
        Assert.Equal("pending", await ScalarAsync<string>($"select state from access_requests where id = {requestId}"));

        // Bob approves from the channel card.
        var approved = await ClickAsync("approve", requestId, channel, messageId, "29:bob", BobAad);
        Assert.Contains($"You approved request #{requestId}", approved.GetProperty("value").GetRawText());
        Assert.False(approved.GetProperty("value").TryGetProperty("actions", out _));
        Assert.Equal("approved", await ScalarAsync<string>($"select state from access_requests where id = {requestId}"));
        Assert.Equal(permalink, await ScalarAsync<string>($"select a.permalink from approvals a where a.request_id = {requestId}"));
        Assert.Equal("teams", await ScalarAsync<string>($"select a.platform from approvals a where a.request_id = {requestId}"));
        Assert.Equal(permalink, await ScalarAsync<string>(
            $"select permalink from audit_events where request_id = {requestId} and action = 'request.approved' and actor = 'bob@example.com'"));
    }

    [Fact]
    public async Task A_request_made_in_Slack_is_approved_in_Teams_and_its_requester_cannot_approve_it_from_her_Teams_account()
    {
        _connector.AddMember("29:alice", AliceAad, "alice@example.com", "Alice");
        _connector.AddMember("29:bob", BobAad, "bob@example.com", "Bob");
        await InstallInApprovalChannelAsync();

        // Alice asks in Slack.
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C0ORIGIN&user_id=U0ALICE&command=%2Faccess" +
            $"&text={Uri.EscapeDataString("request prod-db 2h migrate orders")}&response_url={Uri.EscapeDataString(_slack.ResponseUrl.ToString())}";
        var signed = SlackSigner.Request("commands", body, TimeProvider.System.GetUtcNow());
        using (var command = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        })
        {
            command.Headers.Add("X-Slack-Request-Timestamp", signed.Timestamp);
            command.Headers.Add("X-Slack-Signature", signed.Signature);
            Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(command)).StatusCode);
        }
        await _slack.NextCallAsync("response_url", TimeSpan.FromSeconds(30));
        var requestId = await ScalarAsync<long>("select id from access_requests where reason = 'migrate orders'");
        Assert.Equal("slack", await ScalarAsync<string>($"select origin_platform from access_requests where id = {requestId}"));

        // The delivery job posts the approval message in Slack and the card in Teams.
        await DeliverAsync(requestId, "ApprovalRequested");
        var slackPost = await _slack.NextCallAsync("chat.postMessage", TimeSpan.FromSeconds(10));
        await NextAsync("create");
        var channel = await ScalarAsync<string>($"select channel from chat_messages where request_id = {requestId} and platform = 'teams'");
        var messageId = await ScalarAsync<string>($"select message_id from chat_messages where request_id = {requestId} and platform = 'teams'");

        // Alice's Teams account is the same person as her Slack account: no self-approval from the other platform.
        var own = await ClickAsync("approve", requestId, channel, messageId, "29:alice", AliceAad);
        Assert.Contains("Not done", own.GetProperty("value").GetRawText());
        Assert.Equal("pending", await ScalarAsync<string>($"select state from access_requests where id = {requestId}"));

        // Bob approves in Teams; the Slack copy of the approval message is updated too.
        var approved = await ClickAsync("approve", requestId, channel, messageId, "29:bob", BobAad);
        Assert.Contains($"You approved request #{requestId}", approved.GetProperty("value").GetRawText());
        Assert.Equal("approved", await ScalarAsync<string>($"select state from access_requests where id = {requestId}"));
        Assert.Equal("teams", await ScalarAsync<string>($"select platform from approvals where request_id = {requestId}"));
        await DeliverAsync(requestId, "RequestChanged");
        var update = await _slack.NextCallAsync("chat.update", TimeSpan.FromSeconds(10));
        Assert.Equal((slackPost.Arg("channel"), await ScalarAsync<string>(
                $"select message_id from chat_messages where request_id = {requestId} and platform = 'slack'")),
            (update.Arg("channel"), update.Arg("ts")));
    }

    private async Task InstallInApprovalChannelAsync()
    {
        var install = TeamsTestActivities.ChannelMention(_connector.ServiceUrl, "") with
        {
            Type = ActivityTypes.ConversationUpdate, Text = null, Entities = null,
            Conversation = new ConversationAccount(TeamsTestActivities.ApprovalChannel, "channel", TeamsTestActivities.Tenant, true),
            MembersAdded = [new ChannelAccount(TeamsTestActivities.BotId, "AccessBot")],
        };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(install)).StatusCode);
    }

    private async Task DeliverAsync(long requestId, string kind)
    {
        await using var rows = _db.CreateCommand(
            $"select id from outbox_items where request_id = {requestId} and kind = 'notify' and payload ->> 'kind' = '{kind}' order by row_id, id");
        var ids = new List<long>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        }
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliverNotificationJob>().RunAsync(id, CancellationToken.None);
        }
    }

    private async Task<JsonElement> ClickAsync(string verb, long requestId, string channel, string messageId, string userId, string aad)
    {
        var click = TeamsTestActivities.ChannelMention(_connector.ServiceUrl, "", userId, aad) with
        {
            Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", Text = null, Entities = null,
            Conversation = new ConversationAccount(channel, "channel", TeamsTestActivities.Tenant, true),
            ReplyToId = messageId,
            Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data = new { requestId = requestId.ToString(System.Globalization.CultureInfo.InvariantCulture) } } }),
        };
        var response = await PostAsync(click);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<HttpResponseMessage> PostAsync(Activity activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: TeamsJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _minter.Mint(TeamsTestActivities.AppId, activity.ServiceUrl!));
        return await _http.SendAsync(request);
    }

    private async Task<ConnectorCall> NextAsync(string kind)
    {
        while (true)
        {
            var call = await _connector.NextCallAsync();
            if (call.Kind == kind) return call;
        }
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
