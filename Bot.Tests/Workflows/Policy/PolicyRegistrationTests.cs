using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace AccessBot.Tests.Workflows.Policy;

/// <summary><c>AddPolicy</c> in a real host: the configured file, relative to the content root, loaded at start-up.</summary>
public sealed class PolicyRegistrationTests : IDisposable
{
    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_host_starts_with_the_configured_policy_relative_to_the_content_root()
    {
        _folder.Write(PolicyYaml.Valid, "policy.yaml");
        using var host = BuildHost("policy.yaml");

        await host.StartAsync();
        var policy = host.Services.GetRequiredService<IPolicyProvider>().Current;
        await host.StopAsync();

        Assert.Equal(Path.Combine(_folder.Path, "policy.yaml"), policy.SourcePath);
        Assert.Equal(["prod-db"], policy.Resources.Keys);
        Assert.Same(host.Services.GetRequiredService<FilePolicyProvider>(), host.Services.GetRequiredService<IPolicyProvider>());
    }

    [Fact]
    public async Task A_bad_policy_file_stops_the_host_from_starting()
    {
        _folder.Write(PolicyYaml.With("max_duration: 4h", "max_duration: 4x"), "policy.yaml");
        using var host = BuildHost("policy.yaml");

        var exception = await Assert.ThrowsAsync<PolicyValidationException>(() => host.StartAsync());

        Assert.Contains("resources.prod-db.max_duration: \"4x\" is not a duration", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provisioner_kind_the_host_does_not_have_stops_start_up()
    {
        _folder.Write(PolicyYaml.Valid, "policy.yaml");
        var manual = new Mock<IProvisioner>();
        manual.SetupGet(p => p.Kind).Returns("manual");
        using var host = BuildHost("policy.yaml", services => services.AddSingleton(manual.Object));

        var exception = await Assert.ThrowsAsync<PolicyValidationException>(() => host.StartAsync());

        Assert.Equal("resources.prod-db.provisioner.kind", Assert.Single(exception.Errors).Path);
    }

    [Fact]
    public async Task A_missing_policy_file_stops_the_host_from_starting()
    {
        using var host = BuildHost("absent.yaml");

        await Assert.ThrowsAsync<FileNotFoundException>(() => host.StartAsync());
    }

    [Fact]
    public async Task An_empty_policy_file_setting_fails_options_validation()
    {
        using var host = BuildHost("");

        var exception = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PolicyFile", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_content_root_and_absolute_ones_stay()
    {
        var absolute = Path.Combine(_folder.Path, "x.yaml");

        Assert.Equal(Path.Combine(_folder.Path, "sub", "p.yaml"), new PolicyOptions { PolicyFile = "sub/p.yaml" }.ResolvePath(_folder.Path));
        Assert.Equal(absolute, new PolicyOptions { PolicyFile = absolute }.ResolvePath("/elsewhere"));
    }

    private IHost BuildHost(string policyFile, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _folder.Path,
            DisableDefaults = true,
        });
        builder.Configuration["AccessBot:PolicyFile"] = policyFile;
        builder.Services.AddPolicy();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
