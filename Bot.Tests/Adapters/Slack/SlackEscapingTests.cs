using AccessBot.Adapters.Slack.Text;

namespace AccessBot.Tests.Adapters.Slack;

public class SlackEscapingTests
{
    [Theory]
    [InlineData("<!channel> deploy", "&lt;!channel&gt; deploy")]
    [InlineData("ping <@U0ADMIN>", "ping &lt;@U0ADMIN&gt;")]
    [InlineData("<http://evil.example|innocent>", "&lt;http://evil.example|innocent&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("&lt;!here&gt;", "&lt;!here&gt;")]
    [InlineData("&amp;lt;", "&amp;lt;")]
    [InlineData("plain *bold*", "plain *bold*")]
    public void User_text_is_made_inert(string input, string expected) =>
        Assert.Equal(expected, SlackMrkdwnEscaper.EscapeMrkdwn(input));

    [Theory]
    [InlineData("<!channel>")]
    [InlineData("&lt;!channel&gt; & <b>")]
    public void Escaping_is_idempotent(string input)
    {
        var once = SlackMrkdwnEscaper.EscapeMrkdwn(input);

        Assert.Equal(once, SlackMrkdwnEscaper.EscapeMrkdwn(once));
        Assert.DoesNotContain('<', once);
        Assert.DoesNotContain('>', once);
    }

    [Fact]
    public void Truncation_never_cuts_an_entity_in_half()
    {
        for (var pad = 0; pad < 8; pad++)
        {
            var escaped = SlackMrkdwnEscaper.EscapeMrkdwn(new string('a', pad) + new string('<', 50));

            var cut = SlackText.Truncate(escaped, 20);

            Assert.True(cut.Length <= 20);
            Assert.EndsWith("…", cut);
            Assert.Matches("^a*(&lt;)*…$", cut);
        }
    }

    [Fact]
    public void Truncation_keeps_emoji_whole()
    {
        var cut = SlackText.Truncate(new string('a', 8) + "😀😀😀", 10);

        Assert.Equal(new string('a', 8) + "…", cut);
    }

    [Fact]
    public void Short_text_is_left_alone() => Assert.Equal("hello", SlackText.Truncate("hello", 10));
}
