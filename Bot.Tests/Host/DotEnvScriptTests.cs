using System.Diagnostics;
using AccessBot.Host.Configuration;

namespace AccessBot.Tests.Host;

/// <summary>run.sh reads .env with a bash function; it must agree with the host's reader, or the two would disagree on a value.</summary>
public sealed class DotEnvScriptTests
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "Bot.Host", "scripts", "dotenv.sh");

    [Fact]
    public async Task The_shell_loader_reads_the_same_values_as_the_host()
    {
        const string text =
            "# comment\n\nABT_BARE =  two words   # note\nexport ABT_EXPORTED=x#y\nABT_SINGLE='Host=x;Password=p#1 \\n' # c\r\n" +
            "ABT_DOUBLE=\"a\\nb \\\"q\\\" \\\\ \\t end\"\nABT_EMPTY=\nABT_DUP=1\nABT_DUP=2\n";
        var expected = DotEnvFile.Parse(text);

        var actual = await LoadWithBashAsync(text, expected.Select(e => e.Key).ToArray());

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task The_shell_loader_keeps_variables_already_set()
    {
        var actual = await LoadWithBashAsync("ABT_PRESET=from-file\n", ["ABT_PRESET"], ("ABT_PRESET", "from-env"));

        Assert.Equal("from-env", Assert.Single(actual).Value);
    }

    [Theory]
    [InlineData("ABT_A='unclosed")]
    [InlineData("1ABT=x")]
    [InlineData("ABT_A='x' y")]
    public async Task The_shell_loader_refuses_what_the_host_refuses(string text)
    {
        Assert.Throws<FormatException>(() => DotEnvFile.Parse(text));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadWithBashAsync(text, ["ABT_A"]));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<KeyValuePair<string, string>>> LoadWithBashAsync(
        string text, string[] keys, params (string Key, string Value)[] preset)
    {
        var file = Path.Combine(Path.GetTempPath(), $"accessbot-{Guid.NewGuid():N}.env");
        await File.WriteAllTextAsync(file, text);
        try
        {
            var start = new ProcessStartInfo("bash")
            {
                ArgumentList = { "-c", "set -euo pipefail; source \"$1\"; load_dotenv \"$2\"; shift 2; for k in \"$@\"; do printf '%s=%s\\0' \"$k\" \"${!k}\"; done", "bash", Script, file },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var key in keys) start.ArgumentList.Add(key);
            foreach (var key in keys) start.Environment.Remove(key);
            foreach (var (key, value) in preset) start.Environment[key] = value;
            using var bash = Process.Start(start)!;
            var output = bash.StandardOutput.ReadToEndAsync();
            var error = bash.StandardError.ReadToEndAsync();
            await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (bash.ExitCode != 0) throw new InvalidOperationException(await error);
            return (await output).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => new KeyValuePair<string, string>(pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]))
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
