namespace AccessBot.Tests.Adapters.Teams.Playground;

/// <summary>
/// A test that drives the real Microsoft 365 Agents Playground. Skipped only when Node.js or npm is not installed; a missing
/// package is installed by the test (and by run-tests.sh), and an install that fails makes the test fail, not skip.
/// </summary>
public sealed class PlaygroundFactAttribute : FactAttribute
{
    public PlaygroundFactAttribute()
    {
        var missing = new[] { "node", "npm" }.Where(tool => !OnPath(tool)).ToArray();
        if (missing.Length > 0)
            Skip = $"{string.Join(" and ", missing)} not installed: the Agents Playground needs Node.js 20 or later and npm";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
