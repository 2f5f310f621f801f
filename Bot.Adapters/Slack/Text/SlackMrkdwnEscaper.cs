using AccessBot.Adapters.Rendering;

namespace AccessBot.Adapters.Slack.Text;

/// <summary>
/// Makes user text inert in Slack mrkdwn: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> become entities, so no mention,
/// broadcast or disguised link can be formed. Input is first canonicalised (the three entities decoded once) because
/// Slack may deliver text already entity-encoded; the result is the same either way and never holds a raw &lt; or &gt;.
/// </summary>
public sealed class SlackMrkdwnEscaper : ITextEscaper
{
    public static SlackMrkdwnEscaper Instance { get; } = new();

    public string Escape(string text) => EscapeMrkdwn(text);

    public static string EscapeMrkdwn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var canonical = text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        return canonical.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
