using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Alerts;

/// <summary>Whether an instant falls in the policy's business hours, on the wall clock of their time zone.</summary>
public static class BusinessHoursCheck
{
    /// <remarks>
    /// Start inclusive, end exclusive. When End ≤ Start the hours run overnight; the day checked is always the wall-clock day
    /// of the instant itself. The digest's SQL applies the same rule.
    /// </remarks>
    public static bool IsWithin(BusinessHours hours, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone));
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inWindow = hours.Start <= hours.End
            ? time >= hours.Start && time < hours.End
            : time >= hours.Start || time < hours.End;
        return hours.Days.Contains(local.DayOfWeek) && inWindow;
    }
}
