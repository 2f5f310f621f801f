using AccessBot.Workflows.Identity;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Auth;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Adapters.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Teams adapter: token validation, connector and token clients, handlers, the background work queue,
    /// <see cref="TeamsNotifier"/> as an <see cref="IChatNotifier"/>, and the "teams" health check. Needs the engine's ports
    /// (<c>IAccessRequestService</c>, <c>IAccessRequestQueries</c>, <c>IPrincipalDirectory</c>, <c>IChatMessageStore</c>,
    /// <c>IConversationReferenceStore</c>, <c>IPolicyProvider</c>, <c>IAuditLog</c>) and an <c>NpgsqlDataSource</c>.
    /// </summary>
    public static IServiceCollection AddTeamsAdapter(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddIdentityColumn(TeamsPlatform.Name, "teams_aad_object_id");
        services.AddTemplates();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BotTokenValidator.HttpClientName);
        services.AddHttpClient(BotTokenClient.HttpClientName);
        services.AddHttpClient<BotConnectorClient>();

        services.TryAddSingleton<TeamsActivation>();
        services.TryAddSingleton<BotTokenValidator>();
        services.TryAddSingleton<BotTokenClient>();
        services.TryAddSingleton<TrustedServiceUrls>();
        services.TryAddSingleton<TeamsWorkQueue>();
        services.TryAddSingleton<ApprovalCardBuilder>();
        services.TryAddSingleton<ExpiringSoonCardBuilder>();
        services.TryAddSingleton<RequestFormCardBuilder>();

        services.TryAddScoped<TeamsConversationStore>();
        services.TryAddScoped<TeamsAuditTrail>();
        services.TryAddScoped<TeamsMessenger>();
        services.TryAddScoped<TeamsIdentity>();
        services.TryAddScoped<TeamsTargets>();
        services.TryAddScoped<TeamsCopyRefresher>();
        services.TryAddScoped<ApprovalCardRefresh>();
        services.TryAddScoped<CardActionHandler>();
        services.TryAddScoped<CardRefreshHandler>();
        services.TryAddScoped<TeamsCommandHandler>();
        services.TryAddScoped<TeamsMessageHandler>();
        services.TryAddScoped<InstallationHandler>();
        services.TryAddScoped<TeamsActivityProcessor>();
        services.AddSingleton<TeamsDeliveredTargets>();
        services.AddScoped<IChatNotifier, TeamsNotifier>();

        services.AddHostedService<TeamsWorkProcessor>();
        services.AddHostedService<TeamsStartupCheck>();
        services.AddHealthChecks().AddCheck<TeamsChannelHealthCheck>(TeamsChannelHealthCheck.Name);
        services.TryAddScoped<TeamsChannelHealthCheck>();
        return services;
    }
}
