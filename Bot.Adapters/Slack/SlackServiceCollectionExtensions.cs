using AccessBot.Workflows.Identity;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Blocks;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Events;
using AccessBot.Adapters.Slack.Identity;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Interactions;
using AccessBot.Adapters.Slack.Notifications;
using AccessBot.Adapters.Slack.Security;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Adapters.Slack.Work;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slack adapter: options (validated at start-up when Slack is enabled), the signature gate, the three
    /// inbound handlers, the background worker, the Web API client and <see cref="SlackNotifier"/> as an
    /// <see cref="IChatNotifier"/>. Needs the engine ports, an <c>NpgsqlDataSource</c> and the policy provider from the host.
    /// With no credentials configured every inbound request gets 401 and the notifier does nothing.
    /// </summary>
    public static IServiceCollection AddSlackAdapter(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddIdentityColumn(SlackPlatform.Name, "slack_user_id");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddTemplates();

        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackRequestAuthenticator>();
        services.TryAddSingleton<EventDeduplicator>();
        services.TryAddSingleton<SlackIdentityCache>();
        services.TryAddSingleton<ChannelPacer>();
        services.TryAddSingleton<SlackWorkQueue>();
        services.AddHostedService<SlackWorker>();

        services.AddHttpClient<SlackApiClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl)
            // Slack's API never redirects legitimately; following one could carry the bearer token elsewhere.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // The default handler logs request URIs, and a response_url's path is a credential; the client logs its own lines.
            .RemoveAllLoggers();

        // Transient, not scoped: the engine's delivery job and the worker may resolve them with or without a scope.
        services.TryAddTransient<SlackMessages>();
        services.TryAddTransient<SlackCards>();
        services.TryAddTransient<SlackResponder>();
        services.TryAddTransient<SlackAudit>();
        services.TryAddTransient<SlackIdentityResolver>();
        services.TryAddTransient<SlackCommandHandler>();
        services.TryAddTransient<SlackInteractionHandler>();
        services.TryAddTransient<SlackEventHandler>();
        services.TryAddTransient<SlackCommandProcessor>();
        services.TryAddTransient<SlackActionProcessor>();
        services.TryAddTransient<SlackFormProcessor>();
        services.TryAddTransient<SlackWorkDispatcher>();
        services.TryAddTransient<SlackDestinations>();
        services.TryAddTransient<SlackNotifier>();
        services.AddTransient<IChatNotifier>(sp => sp.GetRequiredService<SlackNotifier>());
        return services;
    }
}
