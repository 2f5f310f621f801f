using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AccessBot.Adapters.Teams;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Host.Endpoints;
using AccessBot.Tests.Fakes.Teams;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npgsql;

namespace AccessBot.Tests.Adapters.Teams;

/// <summary>
/// A host with only the Teams adapter (its real endpoint, validator, handlers, queue, notifier) on 127.0.0.1, the fake Bot
/// Connector, the real audit log on PostgreSQL, Moq engine commands and in-memory stores.
/// </summary>
internal sealed class TeamsAdapterHarness : IAsyncDisposable
{
    private WebApplication _app = null!;

    public FakeBotConnector Connector { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(TeamsTestRequests.Now);
    public BotTokenMinter Minter { get; private set; } = null!;
    public Mock<IAccessRequestService> Service { get; } = new(MockBehavior.Strict);
    public Mock<IAccessRequestQueries> Queries { get; } = new();
    public InMemoryConversationReferenceStore References { get; } = new();
    public InMemoryChatMessageStore Messages { get; } = new();
    public InMemoryPrincipalDirectory Directory { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    public static async Task<TeamsAdapterHarness> StartAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var harness = new TeamsAdapterHarness();
        harness.Connector = await FakeBotConnector.StartAsync();
        harness.Minter = new BotTokenMinter(harness.Connector, harness.Time);
        var policy = new Mock<IPolicyProvider>();
        policy.Setup(p => p.Current).Returns(TeamsTestRequests.Policy());

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TeamsTestActivities.AppId,
            ["Teams:AppPassword"] = "test-secret-not-logged",
            ["Teams:OpenIdMetadataUrl"] = harness.Connector.OpenIdMetadataUrl,
            ["Teams:TokenEndpoint"] = harness.Connector.TokenEndpoint,
            ["Teams:AllowedTenants:0"] = TeamsTestActivities.Tenant,
            ["Teams:SecurityChannel"] = "19:security@thread.tacv2",
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        var services = builder.Services;
        services.AddSingleton<TimeProvider>(harness.Time);
        services.AddSingleton(dataSource);
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton(harness.Service.Object);
        services.AddSingleton(harness.Queries.Object);
        services.AddSingleton(policy.Object);
        services.AddSingleton<IConversationReferenceStore>(harness.References);
        services.AddSingleton<IChatMessageStore>(harness.Messages);
        services.AddSingleton<IPrincipalDirectory>(harness.Directory);
        services.AddTeamsAdapter();
        harness._app = builder.Build();
        harness._app.MapTeams();
        await harness._app.StartAsync();
        harness.Http = new HttpClient { BaseAddress = new Uri(harness._app.Urls.Single()) };
        return harness;
    }

    public Activity Personal(string text) => TeamsTestActivities.Personal(Connector.ServiceUrl, text);

    /// <summary>POSTs the activity to /api/messages with a valid connector token (unless <paramref name="token"/> overrides it).</summary>
    public async Task<HttpResponseMessage> SendAsync(Activity activity, string? token = null, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, options: TeamsJson.Options),
        };
        if (withToken)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Minter.Mint(TeamsTestActivities.AppId, activity.ServiceUrl!));
        return await Http.SendAsync(request);
    }

    /// <summary>Alice can be resolved through the members API of her personal chat.</summary>
    public void AliceIsAMember() =>
        Connector.AddMember("29:alice", TeamsTestRequests.Alice.TeamsAadObjectId!, TeamsTestRequests.Alice.Email, TeamsTestRequests.Alice.DisplayName);

    public async Task<ConnectorCall> NextCallOfKindAsync(string kind)
    {
        while (true)
        {
            var call = await Connector.NextCallAsync();
            if (call.Kind == kind) return call;
        }
    }

    public static JsonElement Card(ConnectorCall call) =>
        call.Body!.Value.GetProperty("attachments")[0].GetProperty("content");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
