using AccessBot.Workflows.Digest;

namespace AccessBot.Tests.Workflows.Digest;

public sealed class IsoWeekTests
{
    [Theory]
    [InlineData("2026-W47", 2026, 47)]
    [InlineData("2026-w01", 2026, 1)]
    [InlineData(" 2026-W53 ", 2026, 53)]
    public void Parses_the_iso_notation(string text, int year, int week)
    {
        Assert.True(IsoWeek.TryParse(text, out var parsed));

        Assert.Equal(new IsoWeek(year, week), parsed);
    }

    [Theory]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-47")]
    [InlineData("W47")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_malformed_text_and_weeks_the_year_does_not_have(string? text)
    {
        Assert.False(IsoWeek.TryParse(text, out _));
    }

    [Fact]
    public void Week_one_can_start_in_the_previous_calendar_year()
    {
        var week = new IsoWeek(2026, 1);

        Assert.Equal(new DateOnly(2025, 12, 29), week.Monday);
        Assert.Equal(new IsoWeek(2025, 52), week.Previous());
    }

    [Fact]
    public void The_week_of_an_instant_depends_on_the_time_zone()
    {
        var sundayEveningUtc = new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new IsoWeek(2026, 47), IsoWeek.Containing(sundayEveningUtc, TimeZoneInfo.Utc));
        Assert.Equal(new IsoWeek(2026, 48), IsoWeek.Containing(sundayEveningUtc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }

    [Fact]
    public void Prints_as_year_dash_w_and_two_digits()
    {
        Assert.Equal("2026-W07", new IsoWeek(2026, 7).ToString());
    }
}
