using System.Net;
using AccessBot.Workflows.Provisioning.Postgres;
using AccessBot.Workflows.Provisioning.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccessBot.Workflows.Provisioning;

/// <summary>Registers the built-in <c>postgres</c> and <c>webhook</c> provisioners as <see cref="IProvisioner"/>s.</summary>
public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>
    /// Adds the provisioners, their options (<c>AccessBot:Targets</c>, <c>AccessBot:WebhookDelivery</c>, validated at start-up)
    /// and the named <see cref="HttpClient"/> for webhooks. Needs <see cref="IConfiguration"/> in the container (the host has it).
    /// Resolve <c>IEnumerable&lt;IProvisioner&gt;</c> and pick by <see cref="IProvisioner.Kind"/>.
    /// </summary>
    public static IServiceCollection AddProvisioners(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<PostgresTargetsOptions>().BindConfiguration(PostgresTargetsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresTargetsOptions>, PostgresTargetsOptionsValidator>());
        services.TryAddSingleton<PostgresTargets>();
        services.AddSingleton<IProvisioner, PostgresProvisioner>();

        services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(WebhookDeliveryOptions.HttpClientName)
            // Time-outs are per attempt on the TimeProvider; redirects are not followed, so a signed body never goes elsewhere.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
        services.TryAddSingleton<WebhookClient>();
        services.AddSingleton<IProvisioner>(sp => new WebhookProvisioner(sp.GetRequiredService<WebhookClient>(), sp.GetRequiredService<IConfiguration>()));
        return services;
    }
}
