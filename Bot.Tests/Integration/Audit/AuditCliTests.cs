using AccessBot.Host.Cli;
using AccessBot.Host.Cli.Audit;
using AccessBot.Workflows.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Integration.Audit;

public sealed class AuditCliTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("audit-cli-");

    private ServiceProvider Services()
    {
        var options = AuditTestLog.Options(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AccessBot:Audit:SigningKeyPath"] = options.SigningKeyPath,
            ["AccessBot:Audit:CheckpointFolder"] = options.CheckpointFolder,
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(database.DataSource)
            .AddLogging()
            .AddAuditLog()
            .AddAuditVerbs()
            .BuildServiceProvider();
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(string verb, params string[] words)
    {
        await using var services = Services();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = services.GetServices<ICliVerb>().Single(v => v.Name == verb);
        var exit = await command.RunAsync(new CliArguments(words), new CliContext(services, output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Verify_exits_0_on_an_intact_log_and_counts_events_and_checkpoints()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 4);
        var checkpoint = await RunAsync("audit checkpoint");

        var (exit, output, _) = await RunAsync("audit verify");

        Assert.Equal(0, checkpoint.Exit);
        Assert.Contains($"checkpoint 4 written: {Path.Combine(_folder.FullName, "checkpoints", "0000000000000004.json")}", checkpoint.Out, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("events checked: 5 ", output, StringComparison.Ordinal);
        Assert.Contains("checkpoints matched: 1 of 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_1_naming_the_first_bad_seq_and_the_damage()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 6);
        await AuditTestLog.TamperAsync(db, "update audit_events set action = 'request.denied' where seq = 3");

        var (exit, output, _) = await RunAsync("audit verify");

        Assert.Equal(1, exit);
        Assert.Contains("DAMAGE at seq 3: ModifiedRow", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_a_missing_public_key_file_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("audit verify", "--public-key", Path.Combine(_folder.FullName, "nope.pem"));

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_a_new_file_and_never_overwrites_one()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 3);
        var file = Path.Combine(_folder.FullName, "export.csv");

        var first = await RunAsync("audit export", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "csv", "--output", file);
        var content = await File.ReadAllTextAsync(file);
        var second = await RunAsync("audit export", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "jsonl", "--output", file);

        Assert.Equal(0, first.Exit);
        Assert.Equal(4, content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("seq,at,actor,", content, StringComparison.Ordinal);
        Assert.Equal(2, second.Exit);
        Assert.Equal(content, await File.ReadAllTextAsync(file));
    }

    [Theory]
    [InlineData("--from", "2026-01-01", "--to", "2026-02-01", "--format", "xml")]
    [InlineData("--from", "yesterday", "--to", "2026-02-01", "--format", "csv")]
    [InlineData("--from", "2026-02-01", "--to", "2026-01-01", "--format", "csv")]
    [InlineData("--to", "2026-02-01", "--format", "csv")]
    public async Task Export_with_bad_arguments_is_a_usage_error(params string[] words)
    {
        var (exit, output, error) = await RunAsync("audit export", words);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
