using System.Text;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// How one platform's text is written: escaping of user-supplied values, links and emphasis. The host registers one per
/// chat platform (keyed by the notifier's platform name); the built-in styles below cover the usual
/// conventions without naming a platform. Every escaper first turns control characters (newlines, terminal escape
/// sequences) into spaces, so no value can break the layout or a terminal.
/// </summary>
/// <param name="Platform">The <see cref="Notifications.IChatNotifier.Platform"/> this markup is for.</param>
/// <param name="Escape">Makes a user-supplied value inert (no mentions, links or formatting).</param>
/// <param name="Link">Writes a link from a sanitized http(s) URL and an already-escaped label.</param>
/// <param name="Strong">Emphasis for text written by the template (never user text).</param>
public sealed record DigestMarkup(
    string Platform,
    Func<string, string> Escape,
    Func<string, string, string> Link,
    Func<string, string> Strong)
{
    /// <summary>Terminal and log text: nothing is markup, links are printed after the label.</summary>
    public static DigestMarkup Plain(string platform = "plain") =>
        new(platform, Sanitize, (url, label) => $"{label} ({url})", text => text);

    /// <summary>
    /// Markup that uses <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> as its only control characters and writes links as
    /// <c>&lt;url|label&gt;</c>; emphasis is <c>*text*</c>.
    /// </summary>
    public static DigestMarkup AngleBracketLinks(string platform) =>
        new(platform,
            text => EscapeEntities(Sanitize(text)),
            (url, label) => $"<{url.Replace("&", "&amp;", StringComparison.Ordinal)}|{label}>",
            text => $"*{text}*");

    /// <summary>
    /// Markdown: formatting characters are backslash-escaped, angle brackets and ampersands become entities; links are
    /// <c>[label](url)</c>.
    /// </summary>
    public static DigestMarkup Markdown(string platform) =>
        new(platform, text => EscapeMarkdown(Sanitize(text)), (url, label) => $"[{label}]({url})", text => $"**{text}**");

    /// <summary>Control characters (including line breaks and ESC) become spaces.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        return builder.ToString();
    }

    private static string EscapeEntities(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    private static string EscapeMarkdown(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in EscapeEntities(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '~' or '[' or ']' or '(' or ')' or '#' or '|' or '!') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
