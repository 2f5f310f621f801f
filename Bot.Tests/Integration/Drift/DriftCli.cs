using AccessBot.Host.Cli;

namespace AccessBot.Tests.Integration.Drift;

internal static class DriftCli
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(DriftHarness h, string verb, params string[] words)
    {
        var command = h.Engine.Get<IEnumerable<ICliVerb>>().Single(v => v.Name == verb);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.RunAsync(new CliArguments(words), new CliContext(h.Engine.Services, output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
