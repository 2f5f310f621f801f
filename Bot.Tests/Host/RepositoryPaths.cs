namespace AccessBot.Tests.Host;

/// <summary>Files of the checkout the tests run from (scripts, the example policy).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AccessBot.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("AccessBot.sln not found above the test binaries.");
    }
}
