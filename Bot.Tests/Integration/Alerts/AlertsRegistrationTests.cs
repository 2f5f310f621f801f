using AccessBot.Tests.Integration.Digest;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;

namespace AccessBot.Tests.Integration.Alerts;

public sealed class AlertsRegistrationTests
{
    [Fact]
    public void Every_job_resolves_from_the_registration_with_the_configured_knobs()
    {
        using var services = Build(new() { ["AccessBot:Alerts:DenialThreshold"] = "5", ["AccessBot:Alerts:RefusedClick"] = "false" });
        using var scope = services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<AlertScanJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<AuditChainAlertJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DigestJob>());
        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        Assert.Equal(5, options.DenialThreshold);
        Assert.False(options.RefusedClick);
        Assert.True(options.SensitiveGrant);
    }

    [Fact]
    public void The_digest_reads_the_operators_template_folder_from_the_shared_setting()
    {
        using var services = Build(new() { ["AccessBot:TemplatesPath"] = "/etc/accessbot/templates" });

        Assert.Equal("/etc/accessbot/templates", services.GetRequiredService<IOptions<DigestOptions>>().Value.TemplatesPath);
    }

    [Fact]
    public void An_out_of_range_knob_is_refused_with_its_name()
    {
        using var services = Build(new() { ["AccessBot:Alerts:DenialThreshold"] = "1" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlertOptions>>().Value);

        Assert.Contains(nameof(AlertOptions.DenialThreshold), error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"));
        services.AddSingleton<IPolicyProvider>(new StaticPolicyProvider(new DigestDataset().Policy()));
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        // As the chat adapters register theirs.
        services.AddScoped(_ => Mock.Of<IChatNotifier>(n => n.Platform == "chat-a"));
        services.AddAlerts();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
