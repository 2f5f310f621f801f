using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AccessBot.Workflows.Digest;

/// <summary>An ISO 8601 week (<c>2026-W47</c>): Monday to Sunday, week 1 being the week with the year's first Thursday.</summary>
public readonly partial record struct IsoWeek
{
    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1 and 9998.");
        if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            throw new ArgumentOutOfRangeException(nameof(week), week, $"{year} has {ISOWeek.GetWeeksInYear(year)} ISO weeks.");
        Year = year;
        Week = week;
    }

    public int Year { get; }

    public int Week { get; }

    /// <summary>The Monday that starts the week (a calendar date, in no particular time zone).</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public static IsoWeek Containing(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>The week that contains <paramref name="instant"/> as seen on a wall clock in <paramref name="zone"/>.</summary>
    public static IsoWeek Containing(DateTimeOffset instant, TimeZoneInfo zone) =>
        Containing(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public IsoWeek Previous() => Containing(Monday.AddDays(-7));

    public IsoWeek Next() => Containing(Monday.AddDays(7));

    /// <summary>Accepts <c>2026-W47</c> (also lower-case <c>w</c>); anything else, or a week the year does not have, is false.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IsoWeek? week)
    {
        week = null;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true }) return false;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = new IsoWeek(year, number);
        return true;
    }

    public override string ToString() => $"{Year:D4}-W{Week:D2}";

    [GeneratedRegex(@"^(\d{4})-[Ww](\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
