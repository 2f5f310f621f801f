using AccessBot.Host.Configuration;

namespace AccessBot.Tests.Host;

public sealed class DotEnvFileTests
{
    [Fact]
    public void Bare_values_are_trimmed_and_lose_trailing_comments()
    {
        var entries = DotEnvFile.Parse("  # a comment\n\nA=one\nB =  two words   # note\nexport C=three#not-a-comment\nD=\n");

        Assert.Equal(
            [new("A", "one"), new("B", "two words"), new("C", "three#not-a-comment"), new("D", "")],
            entries);
    }

    [Fact]
    public void Single_quotes_keep_the_text_literally()
    {
        var entries = DotEnvFile.Parse("A='Host=x;Password=p#1 \\n'  # comment\r\n");

        Assert.Equal("Host=x;Password=p#1 \\n", Assert.Single(entries).Value);
    }

    [Fact]
    public void Double_quotes_understand_escapes()
    {
        var entries = DotEnvFile.Parse("A=\"line1\\nsaid \\\"hi\\\" \\\\ done\"");

        Assert.Equal("line1\nsaid \"hi\" \\ done", Assert.Single(entries).Value);
    }

    [Fact]
    public void A_later_duplicate_replaces_the_earlier_value()
    {
        var entries = DotEnvFile.Parse("A=1\nA=2");

        Assert.Equal("2", Assert.Single(entries).Value);
    }

    [Theory]
    [InlineData("A", 1)]
    [InlineData("OK=1\n1BAD=x", 2)]
    [InlineData("OK=1\n\nBAD-KEY=x", 3)]
    public void Malformed_lines_are_reported_with_their_line_number(string text, int line)
    {
        var error = Assert.Throws<FormatException>(() => DotEnvFile.Parse(text));

        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_names_the_key_but_never_the_value()
    {
        var error = Assert.Throws<FormatException>(() => DotEnvFile.Parse("Slack__BotToken=\"xoxb-secret-value"));

        Assert.Contains("Slack__BotToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => DotEnvFile.Parse("A='x' y"));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_already_in_the_environment_win_over_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"accessbot-{Guid.NewGuid():N}.env");
        File.WriteAllText(path, "SET_ALREADY=from-file\nEMPTY_ALREADY=from-file\nNEW_ONE=from-file\n");
        var environment = new Dictionary<string, string> { ["SET_ALREADY"] = "from-env", ["EMPTY_ALREADY"] = "" };
        try
        {
            var applied = DotEnvLoader.Apply(path, k => environment.GetValueOrDefault(k), (k, v) => environment[k] = v);

            Assert.Equal(["NEW_ONE"], applied);
            Assert.Equal("from-env", environment["SET_ALREADY"]);
            Assert.Equal("", environment["EMPTY_ALREADY"]);
            Assert.Equal("from-file", environment["NEW_ONE"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_applies_nothing()
    {
        var environment = new Dictionary<string, string>();

        var applied = DotEnvLoader.Apply("/nonexistent/accessbot.env", k => environment.GetValueOrDefault(k), (k, v) => environment[k] = v);

        Assert.Empty(applied);
        Assert.Empty(environment);
    }
}
