namespace AccessBot.Tests.Workflows.Policy;

/// <summary>A private temporary folder for policy files, removed afterwards.</summary>
internal sealed class PolicyFolder : IDisposable
{
    public PolicyFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"accessbot-policy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string yaml, string name = "accessbot.yaml")
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, yaml);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
