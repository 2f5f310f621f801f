using AccessBot.Workflows.Digest;

namespace AccessBot.Tests.Workflows.Digest;

public sealed class DigestPeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void An_ordinary_week_runs_from_monday_midnight_local_for_168_hours()
    {
        var period = DigestPeriod.For(new IsoWeek(2026, 47), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(TimeSpan.FromHours(168), period.Length);
    }

    [Fact]
    public void The_week_the_clocks_go_back_in_october_has_169_hours()
    {
        var period = DigestPeriod.For(new IsoWeek(2026, 43), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 10, 18, 22, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(TimeSpan.FromHours(169), period.Length);
    }

    [Fact]
    public void The_week_the_clocks_go_forward_in_march_has_167_hours()
    {
        var period = DigestPeriod.For(new IsoWeek(2026, 13), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 22, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(TimeSpan.FromHours(167), period.Length);
    }

    [Fact]
    public void Consecutive_weeks_tile_time_without_gap_or_overlap()
    {
        var week = new IsoWeek(2026, 40);
        for (var i = 0; i < 30; i++, week = week.Next())
            Assert.Equal(DigestPeriod.For(week, Berlin).End, DigestPeriod.For(week.Next(), Berlin).Start);
    }

    [Fact]
    public void Where_a_clock_change_skips_midnight_the_day_starts_when_the_clock_resumes()
    {
        // Asia/Beirut moved its clocks forward at midnight (2026-03-29 00:00 → 01:00).
        var beirut = TimeZoneInfo.FindSystemTimeZoneById("Asia/Beirut");
        var day = new DateOnly(2026, 3, 29);
        Assert.True(beirut.IsInvalidTime(day.ToDateTime(TimeOnly.MinValue)), "test premise: midnight does not exist that day");

        var start = DigestPeriod.StartOfDay(day, beirut);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero), start);
    }
}
