using System.Globalization;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Workflows.Digest;

public sealed class BusinessHoursCheckTests
{
    private static readonly HashSet<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly BusinessHours Office = new("Europe/Berlin", Weekdays, new TimeOnly(9, 0), new TimeOnly(18, 0));

    [Theory]
    [InlineData("2026-11-16T08:00:00Z", true)]   // Mon 09:00 Berlin: opening time counts as in hours
    [InlineData("2026-11-16T07:59:59Z", false)]  // Mon 08:59:59
    [InlineData("2026-11-16T16:59:59Z", true)]   // Mon 17:59:59
    [InlineData("2026-11-16T17:00:00Z", false)]  // Mon 18:00: closing time is out
    [InlineData("2026-11-21T10:00:00Z", false)]  // Saturday
    [InlineData("2026-07-06T07:30:00Z", true)]   // Mon 09:30 in summer time (UTC+2)
    public void Hours_are_judged_on_the_wall_clock_of_their_zone(string instant, bool within)
    {
        Assert.Equal(within, BusinessHoursCheck.IsWithin(Office, DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-16T21:30:00Z", true)]   // Mon 22:30
    [InlineData("2026-11-17T04:00:00Z", true)]   // Tue 05:00 (the day is the wall-clock day of the instant)
    [InlineData("2026-11-16T12:00:00Z", false)]  // Mon 13:00
    public void Overnight_hours_wrap_past_midnight(string instant, bool within)
    {
        var nights = Office with { Start = new TimeOnly(22, 0), End = new TimeOnly(6, 0) };

        Assert.Equal(within, BusinessHoursCheck.IsWithin(nights, DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }
}
