namespace AccessBot.Adapters.Rendering;

/// <summary>
/// Short texts that structure a message (button labels, input labels, headings, notification lines) come from one
/// template per platform, <c>{platform}/labels.sbn</c>, switching on a key; code builds the blocks and cards around them.
/// </summary>
public static class LabelTexts
{
    /// <summary>The label for <paramref name="key"/>; <paramref name="id"/> is the request number for labels that name one.</summary>
    public static string Label(this TemplateRenderer renderer, string platform, string key, ITextEscaper escaper, long? id = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        return renderer.Render($"{platform}/labels.sbn", new LabelModel(new SafeText(key), id), escaper);
    }

    // The key is a code constant: unescaped, so the template can compare it (escaping may turn "_" into "\_").
    private sealed record LabelModel(SafeText Key, long? Id);
}
