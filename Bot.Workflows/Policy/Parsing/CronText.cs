using System.Globalization;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>
/// Checks a standard five-field cron expression (minute hour day-of-month month day-of-week) as the scheduler reads it:
/// numbers, <c>*</c>, <c>?</c> (day fields), ranges <c>a-b</c>, steps <c>/n</c>, lists, and month/day names.
/// </summary>
internal static class CronText
{
    private static readonly string[] FieldNames = ["minute", "hour", "day of month", "month", "day of week"];
    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Null when valid, otherwise what is wrong.</summary>
    public static string? Validate(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
            return $"{PolicyReadContext.Quote(expression)} has {fields.Length} fields; a cron expression has 5 (minute hour day-of-month month day-of-week), e.g. \"0 9 * * MON\"";

        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var part in fields[i].Split(','))
            {
                if (!IsValidPart(part, i))
                    return $"{PolicyReadContext.Quote(expression)}: {PolicyReadContext.Quote(part)} is not a valid {FieldNames[i]} ({Ranges[i].Min}-{Ranges[i].Max})";
            }
        }

        return null;
    }

    private static bool IsValidPart(string part, int field)
    {
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? part : part[..slash];
        if (slash >= 0 && !(int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 0))
            return false;

        if (range == "*" || (range == "?" && field is 2 or 4)) return true;
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0) return TryValue(range, field, out _);
        return TryValue(range[..dash], field, out var low) && TryValue(range[(dash + 1)..], field, out var high) && low <= high;
    }

    private static bool TryValue(string text, int field, out int value)
    {
        var names = field switch { 3 => Months, 4 => Days, _ => null };
        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            value = field == 3 ? index + 1 : index;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= Ranges[field].Min && value <= Ranges[field].Max;
    }
}
