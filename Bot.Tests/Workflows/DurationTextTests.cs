using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Workflows;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30m", 0, 30)]
    [InlineData("4h", 4, 0)]
    [InlineData("1d", 24, 0)]
    [InlineData("1h30m", 1, 30)]
    [InlineData(" 2H ", 2, 0)]
    [InlineData("1d2h", 26, 0)]
    public void Well_formed_durations_parse(string text, int hours, int minutes)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(new TimeSpan(hours, minutes, 0), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0m")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("30")]
    [InlineData("h")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1w")]
    [InlineData("9999999999d")]
    [InlineData("4h; drop table")]
    public void Malformed_durations_are_rejected(string? text)
    {
        Assert.False(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData("1h30m")]
    [InlineData("45m")]
    [InlineData("2d")]
    [InlineData("1d1h1m1s")]
    public void Format_reads_back_as_the_same_text(string text)
    {
        Assert.Equal(text, DurationText.Format(DurationText.Parse(text)));
    }

    [Fact]
    public void Parse_names_the_bad_input()
    {
        var error = Assert.Throws<FormatException>(() => DurationText.Parse("soon"));
        Assert.Contains("'soon'", error.Message, StringComparison.Ordinal);
    }
}
