using AccessBot.Adapters.Teams.Rendering;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class TeamsMarkdownEscaperTests
{
    [Fact]
    public void A_typed_at_tag_cannot_become_a_mention_in_message_text()
    {
        var escaped = TeamsMarkdownEscaper.Message.Escape("hi <at>Bob</at> & co");
        Assert.DoesNotContain("<at>", escaped, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("hi &lt;at&gt;Bob&lt;/at&gt; &amp; co", escaped);
    }

    [Fact]
    public void Links_bold_and_code_are_neutralised()
    {
        var escaped = TeamsMarkdownEscaper.Card.Escape("[click](https://evil.example) **now** `x` _y_ ~z~");
        Assert.Equal("\\[click\\](https://evil.example) \\*\\*now\\*\\* \\`x\\` \\_y\\_ \\~z\\~", escaped);
    }

    [Fact]
    public void Line_breaks_cannot_start_headings_or_lists()
    {
        var escaped = TeamsMarkdownEscaper.Card.Escape("ok\n# Approved by security\r\n- item");
        Assert.DoesNotContain('\n', escaped);
        Assert.DoesNotContain('\r', escaped);
        Assert.Equal("ok # Approved by security  - item", escaped);
        Assert.Equal("\\# heading", TeamsMarkdownEscaper.Card.Escape("# heading"));
    }

    [Fact]
    public void Card_escaping_leaves_html_characters_alone_because_cards_render_no_html()
    {
        Assert.Equal("a < b", TeamsMarkdownEscaper.Card.Escape("a < b"));
    }
}
