namespace AccessBot.Adapters.Slack.Text;

/// <summary>Block Kit length limits, applied after escaping so an entity (<c>&amp;lt;</c>) is never cut in half.</summary>
public static class SlackText
{
    public const int SectionText = 3000;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ContextText = 3000;
    public const int FallbackText = 3000;
    public const int ModalTitle = 24;

    private const string Ellipsis = "…";

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> UTF-16 units, ending with "…" when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (text.Length <= max) return text;
        var cut = max - Ellipsis.Length;
        // An entity is at most "&amp;" long: if an '&' without its ';' sits in the last few characters, cut before it.
        var amp = text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp, cut - amp) < 0) cut = amp;
        // Never leave half of a surrogate pair (an emoji) at the end.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    /// <summary>Escapes then truncates: the order Slack's limits require.</summary>
    public static string Mrkdwn(string userText, int max) => Truncate(SlackMrkdwnEscaper.EscapeMrkdwn(userText), max);

    /// <summary>For plain_text objects: nothing is parsed there, so only the length and emptiness matter.</summary>
    public static string Plain(string text, int max) => Truncate(string.IsNullOrEmpty(text) ? " " : text, max);
}
