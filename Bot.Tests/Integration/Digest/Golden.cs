using System.Runtime.CompilerServices;

namespace AccessBot.Tests.Integration.Digest;

/// <summary>
/// Compares text with a file under <c>Golden/</c> (copied to the output folder). With <c>ACCESSBOT_UPDATE_GOLDEN=1</c> the
/// source file is rewritten instead, for a reviewed change of the template.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string relativePath, string actual, [CallerFilePath] string caller = "")
    {
        if (Environment.GetEnvironmentVariable("ACCESSBOT_UPDATE_GOLDEN") == "1")
        {
            var testsRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", ".."));
            var source = Path.Combine(testsRoot, "Golden", relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", relativePath);
        Assert.True(File.Exists(path), $"Golden file {path} is missing; run with ACCESSBOT_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }
}
