using AccessBot.Workflows.Digest;

namespace AccessBot.Tests.Workflows.Digest;

public sealed class DigestMarkupTests
{
    private const string Hostile = "<!channel> *bold* _it_ [x](http://evil) <http://evil|click> & \u001b[31mred\nnext";

    [Fact]
    public void Angle_bracket_style_leaves_no_raw_control_character()
    {
        var escaped = DigestMarkup.AngleBracketLinks("chat").Escape(Hostile);

        Assert.DoesNotContain('<', escaped);
        Assert.DoesNotContain('>', escaped);
        Assert.DoesNotContain("& ", escaped, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', escaped);
        Assert.DoesNotContain('\u001b', escaped);
    }

    [Fact]
    public void Markdown_style_escapes_emphasis_links_and_html()
    {
        var escaped = DigestMarkup.Markdown("chat").Escape(Hostile);

        Assert.Contains(@"\*bold\*", escaped, StringComparison.Ordinal);
        Assert.Contains(@"\_it\_", escaped, StringComparison.Ordinal);
        Assert.Contains(@"\[x\]\(http://evil\)", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain('<', escaped);
        Assert.DoesNotContain('\n', escaped);
    }

    [Fact]
    public void Plain_style_strips_terminal_escape_sequences_and_line_breaks()
    {
        var escaped = DigestMarkup.Plain().Escape(Hostile);

        Assert.DoesNotContain('\u001b', escaped);
        Assert.DoesNotContain('\n', escaped);
        Assert.Contains("*bold*", escaped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example/x")]
    [InlineData("not a url")]
    [InlineData("")]
    public void Only_http_links_survive(string url)
    {
        Assert.Null(SafeUrl.From(url));
    }

    [Fact]
    public void A_link_cannot_break_out_of_link_syntax()
    {
        var url = SafeUrl.From("https://chat.example/a|b>c)d]e \"f");

        Assert.Equal("https://chat.example/a%7Cb%3Ec%29d%5De%20%22f", url);
    }

    [Fact]
    public void Angle_bracket_links_escape_ampersands_in_the_url()
    {
        var link = DigestMarkup.AngleBracketLinks("chat").Link("https://x.example/p?a=1&b=2", "#5");

        Assert.Equal("<https://x.example/p?a=1&amp;b=2|#5>", link);
    }
}
