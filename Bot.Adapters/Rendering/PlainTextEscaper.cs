namespace AccessBot.Adapters.Rendering;

/// <summary>
/// For terminal text (the CLI): nothing is markup there, but control characters could move the cursor, clear the screen
/// or fake a line of output, so each becomes <c>?</c>.
/// </summary>
public sealed class PlainTextEscaper : ITextEscaper
{
    public static PlainTextEscaper Instance { get; } = new();

    public string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) || source[i] is '\u2028' or '\u2029' ? '?' : source[i];
        });
    }
}
