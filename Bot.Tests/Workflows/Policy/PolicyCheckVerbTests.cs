using AccessBot.Host.Cli;
using AccessBot.Host.Cli.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Workflows.Policy;

public sealed class PolicyCheckVerbTests : IDisposable
{
    private readonly PolicyFolder _folder = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _folder.Dispose();
        _out.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task A_valid_file_prints_a_summary_and_exits_zero()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        var version = AccessBot.Workflows.Policy.PolicyLoader.Load(path).Version;

        var exit = await RunAsync(configuredFile: null, path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal($"OK: 1 resources, 5 groups (version {version[..12]}…){Environment.NewLine}", _out.ToString());
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task An_invalid_file_prints_every_error_and_exits_one()
    {
        var yaml = PolicyYaml.Replace(PolicyYaml.With("max_duration: 4h", "max_duration: 4x"), "sensitivity: high", "sensitivity: loud");
        var path = _folder.Write(yaml);

        var exit = await RunAsync(configuredFile: null, path);

        Assert.Equal(ExitCodes.Refused, exit);
        var lines = _error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"{path}:{PolicyYaml.LineOf(yaml, "max_duration: 4x")}:19: resources.prod-db.max_duration: \"4x\" is not a duration (use 30m, 4h, 1d or 1h30m)",
                $"{path}:{PolicyYaml.LineOf(yaml, "sensitivity: loud")}:18: resources.prod-db.sensitivity: \"loud\" is not a sensitivity (use low, medium, high or critical)",
                "2 errors",
            ],
            lines);
        Assert.Empty(_out.ToString());
    }

    [Fact]
    public async Task Without_an_argument_the_configured_file_is_checked()
    {
        var path = _folder.Write(PolicyYaml.With("max_duration: 4h", "max_duration: 4x"), "configured.yaml");

        var exit = await RunAsync(configuredFile: path);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.StartsWith($"{path}:", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_two()
    {
        var exit = await RunAsync(configuredFile: null, Path.Combine(_folder.Path, "absent.yaml"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("policy file not found", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_files_or_an_unknown_option_exit_two()
    {
        var path = _folder.Write(PolicyYaml.Valid);

        Assert.Equal(ExitCodes.Usage, await RunAsync(configuredFile: null, path, path));
        Assert.Equal(ExitCodes.Usage, await RunAsync(configuredFile: null, path, "--strict"));
        Assert.Empty(_out.ToString());
    }

    private async Task<int> RunAsync(string? configuredFile, params string[] words)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(configuredFile is null ? [] : [new("AccessBot:PolicyFile", configuredFile)])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddPolicyVerbs()
            .BuildServiceProvider();
        var verb = services.GetServices<ICliVerb>().Single(v => v.Name == "policy check");
        return await verb.RunAsync(new CliArguments(words), new CliContext(services, _out, _error), CancellationToken.None);
    }
}
