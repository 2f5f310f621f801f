using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Workflows.Policy;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30m", 0, 30)]
    [InlineData("4h", 4, 0)]
    [InlineData("1d", 24, 0)]
    [InlineData("1h30m", 1, 30)]
    [InlineData("2d4h", 52, 0)]
    [InlineData(" 90m ", 1, 30)]
    [InlineData("1D2H3M", 26, 3)]
    [InlineData("0m", 0, 0)]
    public void Well_formed_durations_parse(string text, int hours, int minutes)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(new TimeSpan(hours, minutes, 0), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("h")]
    [InlineData("4x")]
    [InlineData("90s")]
    [InlineData("-1h")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1h 30m")]
    [InlineData("1.5h")]
    [InlineData("4h!")]
    [InlineData("9999999d")]
    [InlineData("367d")]
    public void Garbage_is_rejected(string? text)
    {
        Assert.False(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData(30, "30m")]
    [InlineData(240, "4h")]
    [InlineData(1440, "1d")]
    [InlineData(90, "1h30m")]
    [InlineData(3120, "2d4h")]
    [InlineData(1501, "1d1h1m")]
    [InlineData(0, "0m")]
    public void Format_writes_the_shortest_form(int minutes, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Format_and_parse_round_trip_over_a_range_of_values()
    {
        for (var minutes = 0; minutes <= 3 * 24 * 60; minutes += 7)
        {
            var value = TimeSpan.FromMinutes(minutes);
            Assert.True(DurationText.TryParse(DurationText.Format(value), out var back), DurationText.Format(value));
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Format_drops_seconds_and_marks_negative_values()
    {
        Assert.Equal("1h", DurationText.Format(TimeSpan.FromSeconds(3659)));
        Assert.Equal("-15m", DurationText.Format(TimeSpan.FromMinutes(-15)));
    }
}
