namespace AccessBot.Workflows.Digest;

/// <summary>
/// The instants an ISO week covers on the wall clock of a time zone: from Monday 00:00 local (inclusive) to the next
/// Monday 00:00 local (exclusive). Across a daylight-saving change the period is 167 or 169 hours long, not 168.
/// </summary>
public sealed record DigestPeriod(IsoWeek Week, TimeZoneInfo TimeZone, DateTimeOffset Start, DateTimeOffset End)
{
    public static DigestPeriod For(IsoWeek week, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new DigestPeriod(week, zone, StartOfDay(week.Monday, zone), StartOfDay(week.Monday.AddDays(7), zone));
    }

    public TimeSpan Length => End - Start;

    /// <summary>True when <paramref name="instant"/> lies in [Start, End).</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The first instant of a local calendar day, in UTC.</summary>
    internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Where a clock change skips midnight, the day starts at the first wall-clock time that exists.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        // Where midnight happens twice, the day starts at the first of them: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
