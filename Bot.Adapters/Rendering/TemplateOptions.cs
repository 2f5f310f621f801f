namespace AccessBot.Adapters.Rendering;

/// <summary>Where the operator's own templates live (<c>AccessBot__TemplatesPath</c>); files missing there fall back to the built-in ones.</summary>
public sealed class TemplateOptions
{
    public const string Section = "AccessBot";

    public string? TemplatesPath { get; set; }

    /// <summary>The built-in templates shipped beside the binaries; tests may point it elsewhere.</summary>
    public string BuiltInPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates");
}
