using System.Text;
using AccessBot.Adapters.Rendering;

namespace AccessBot.Adapters.Teams.Rendering;

/// <summary>
/// Makes user text inert in Teams markdown. Message text (<see cref="Message"/>) also accepts HTML, so <c>&amp; &lt; &gt;</c>
/// become entities and a typed <c>&lt;at&gt;</c> can never become a mention. Adaptive Card text (<see cref="Card"/>) renders
/// no HTML (entities would show literally) and mentions there need card entities the bot never adds, so only markdown is
/// neutralised. Inline markdown characters get a backslash everywhere, block markers (<c># - + &gt;</c>) at the start;
/// control characters and line breaks become spaces, so no block construct can start mid-value.
/// </summary>
public sealed class TeamsMarkdownEscaper : ITextEscaper
{
    private const string InlineSpecials = "\\`*_~[]";
    private const string BlockStarts = "#-+>";
    private readonly bool _html;

    private TeamsMarkdownEscaper(bool html) => _html = html;

    /// <summary>For the text of message activities (<c>textFormat: markdown</c>).</summary>
    public static TeamsMarkdownEscaper Message { get; } = new(html: true);

    /// <summary>For TextBlock and Fact values of Adaptive Cards.</summary>
    public static TeamsMarkdownEscaper Card { get; } = new(html: false);

    public string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (_html && c is '&' or '<' or '>')
            {
                builder.Append(c switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(' ');
            }
            else
            {
                if (InlineSpecials.Contains(c, StringComparison.Ordinal) || (builder.Length == 0 && BlockStarts.Contains(c, StringComparison.Ordinal)))
                    builder.Append('\\');
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
