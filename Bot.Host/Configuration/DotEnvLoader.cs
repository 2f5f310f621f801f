namespace AccessBot.Host.Configuration;

/// <summary>
/// Puts the entries of a <c>.env</c> file into the process environment before the host reads its configuration, so
/// every component (configuration, Npgsql, child tools) sees the same values. A variable that is already set wins.
/// </summary>
public static class DotEnvLoader
{
    /// <summary>Names the file to read instead of <c>.env</c> in the current directory.</summary>
    public const string FileVariable = "ACCESSBOT_ENV_FILE";

    /// <summary>The file named by <see cref="FileVariable"/>, else <c>.env</c> in the current directory.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path ? path : Path.Combine(Directory.GetCurrentDirectory(), ".env");

    /// <summary>Applies the file to the process environment. Returns the keys it set (never the values); none when the file is absent.</summary>
    public static IReadOnlyList<string> LoadIntoEnvironment(string path) =>
        Apply(path, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    /// <summary>Applies the file through the given accessors (tests pass a dictionary instead of the real environment).</summary>
    public static IReadOnlyList<string> Apply(string path, Func<string, string?> get, Action<string, string> set)
    {
        if (!File.Exists(path)) return [];
        var applied = new List<string>();
        foreach (var (key, value) in DotEnvFile.Parse(File.ReadAllText(path)))
        {
            if (get(key) is not null) continue;
            set(key, value);
            applied.Add(key);
        }
        return applied;
    }
}
