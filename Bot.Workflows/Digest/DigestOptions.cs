using System.ComponentModel.DataAnnotations;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// Digest settings that are not policy (section <c>AccessBot:Digest</c>); the schedule, zone and channel come from the policy.
/// </summary>
public sealed class DigestOptions
{
    public const string Section = "AccessBot:Digest";

    /// <summary>How many rows a notable-items list shows (the total is always given).</summary>
    [Range(1, 100)]
    public int ListLimit { get; set; } = 10;

    /// <summary>How many top requesters and longest grants are listed.</summary>
    [Range(1, 50)]
    public int TopCount { get; set; } = 5;

    /// <summary>An approver with no decision for this many days before the period's end is reported as dormant.</summary>
    [Range(1, 3650)]
    public int DormantAfterDays { get; set; } = 90;

    /// <summary>
    /// Longest text one chat message may carry; a longer digest is posted as several messages, cut between sections.
    /// Chat adapters put the text in a single text block (3,000 characters on some platforms).
    /// </summary>
    [Range(1000, 40_000)]
    public int MaxMessageLength { get; set; } = 2800;

    /// <summary>Grants of resources at or above this sensitivity made by break-glass or auto-approval are listed.</summary>
    public Policy.Sensitivity SensitiveFrom { get; set; } = Policy.Sensitivity.High;

    /// <summary>The operator's template folder shared with the chat templates; used when <see cref="TemplatesPath"/> is unset.</summary>
    public const string SharedTemplatesPathKey = "AccessBot:TemplatesPath";

    /// <summary>
    /// Folder with the operator's own templates (defaults to <c>AccessBot:TemplatesPath</c>); <c>digest/weekly.sbn</c> there wins.
    /// </summary>
    public string? TemplatesPath { get; set; }

    /// <summary>The built-in templates shipped beside the binaries.</summary>
    public string BuiltInTemplatesPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates");
}
