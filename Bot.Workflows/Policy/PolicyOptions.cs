using System.ComponentModel.DataAnnotations;

namespace AccessBot.Workflows.Policy;

/// <summary>Where the policy file is (<c>AccessBot:PolicyFile</c>, environment <c>AccessBot__PolicyFile</c>).</summary>
public sealed class PolicyOptions
{
    public const string Section = "AccessBot";

    /// <summary>Absolute, or relative to the content root (the current directory outside a host).</summary>
    [Required(AllowEmptyStrings = false)]
    public string PolicyFile { get; set; } = "accessbot.yaml";

    /// <summary>Reload when the file changes on disk. A change that does not validate is refused and the old policy stays.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>The absolute path of <see cref="PolicyFile"/>.</summary>
    public string ResolvePath(string? contentRoot) =>
        Path.GetFullPath(PolicyFile, contentRoot ?? Directory.GetCurrentDirectory());
}
