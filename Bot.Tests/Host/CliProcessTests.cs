using System.Diagnostics;

namespace AccessBot.Tests.Host;

/// <summary>The real Bot.Host process in CLI mode: results on stdout, diagnostics on stderr, the documented exit codes.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task An_unknown_verb_exits_2_with_the_verb_list_on_stderr_and_nothing_on_stdout()
    {
        var run = await RunHostAsync(connectionString: null, "no-such-verb");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("unknown verb 'no-such-verb'", run.Error, StringComparison.Ordinal);
        Assert.Contains("migrate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_works_without_a_database_and_lists_the_host_verbs_on_stdout()
    {
        var run = await RunHostAsync(connectionString: null, "help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("serve", run.Out, StringComparison.Ordinal);
        Assert.Contains("migrate", run.Out, StringComparison.Ordinal);
        Assert.Contains("help", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_names_the_setting_and_exits_1()
    {
        var run = await RunHostAsync(connectionString: null, "migrate");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("ConnectionStrings__AccessBot", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_prints_only_its_result_on_stdout()
    {
        await using var database = await EmptyDatabase.CreateAsync();

        var first = await RunHostAsync(database.ConnectionString, "migrate");
        var second = await RunHostAsync(database.ConnectionString, "migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("applied: 0001_core", first.Out.Trim(), StringComparison.Ordinal);
        Assert.Single(first.Out.Trim().Split('\n'));
        Assert.Equal("schema is current", second.Out.Trim());
    }

    [Fact]
    public async Task The_connection_string_can_come_from_the_env_file()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var envFile = Path.Combine(Path.GetTempPath(), $"accessbot-{Guid.NewGuid():N}.env");
        await File.WriteAllTextAsync(envFile, $"# test\nConnectionStrings__AccessBot='{database.ConnectionString}'\n");
        try
        {
            var run = await RunHostWithEnvFileAsync(connectionString: null, envFile, "migrate");

            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith("applied:", run.Out.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    private static Task<(int ExitCode, string Out, string Error)> RunHostAsync(string? connectionString, params string[] args) =>
        RunHostWithEnvFileAsync(connectionString, Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.env"), args);

    private static async Task<(int ExitCode, string Out, string Error)> RunHostWithEnvFileAsync(
        string? connectionString, string envFile, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("ConnectionStrings__AccessBot");
        start.Environment["ACCESSBOT_ENV_FILE"] = envFile;
        if (connectionString is not null) start.Environment["ConnectionStrings__AccessBot"] = connectionString;

        using var process = Process.Start(start)!;
        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
