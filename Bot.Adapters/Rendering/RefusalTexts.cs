using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Policy;
using Scriban.Runtime;

namespace AccessBot.Adapters.Rendering;

/// <summary>
/// Renders an engine refusal from <c>{platform}/refusals/{reason}.sbn</c>: one template per <see cref="Refusal"/> and
/// platform, fed with the refusal's typed facts. The engine composes no sentence, so the wording lives only there.
/// </summary>
public static class RefusalTexts
{
    /// <summary>The relative template name for <paramref name="reason"/> on <paramref name="platform"/> (a templates sub-folder).</summary>
    public static string TemplateName(string platform, Refusal reason) =>
        $"{platform}/refusals/{StandardMemberRenamer.Rename(reason.ToString())}.sbn";

    /// <summary>The refusal sentence, with every fact escaped by <paramref name="escaper"/>; not cut to any length.</summary>
    public static string RenderRefusal(this TemplateRenderer renderer, string platform, RefusalDetail detail, ITextEscaper escaper)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(detail);
        return renderer.Render(TemplateName(platform, detail.Reason), RefusalView.From(detail), escaper);
    }
}

/// <summary>
/// A refusal as its template sees it (snake_case): <c>reason</c>, <c>command</c>, <c>condition</c> are enum names;
/// durations are written as in the policy file (<c>4h</c>, <c>1h30m</c>), the state as people say it (<c>timed out</c>).
/// </summary>
internal sealed record RefusalView(
    Refusal Reason,
    RefusedCommand Command,
    RefusalCondition? Condition,
    long? RequestId,
    string? Resource,
    string? State,
    string? Duration,
    string? MaxDuration,
    int? Step,
    long? Pending,
    int? PendingLimit)
{
    public static RefusalView From(RefusalDetail detail)
    {
        var f = detail.Facts;
        return new RefusalView(detail.Reason, f.Command, f.Condition, f.RequestId?.Value, f.Resource,
            f.State?.ToDb().Replace('_', ' '), Format(f.Duration), Format(f.MaxDuration), f.Step, f.Pending, f.PendingLimit);
    }

    private static string? Format(TimeSpan? value) => value is { } v ? DurationText.Format(v) : null;
}
