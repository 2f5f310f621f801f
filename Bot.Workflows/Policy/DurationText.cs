using System.Globalization;
using System.Text;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// Durations as people type them in the policy file and in chat: one or more <c>&lt;number&gt;&lt;unit&gt;</c> parts with
/// units <c>d</c>, <c>h</c>, <c>m</c> in that order, each at most once (<c>30m</c>, <c>4h</c>, <c>1d</c>, <c>1h30m</c>,
/// <c>2d4h</c>). The smallest unit is the minute: access is never granted by the second.
/// </summary>
/// <remarks>
/// Parsing is case-insensitive and ignores surrounding white space. Zero (<c>0m</c>) is a well-formed duration;
/// whether zero is allowed is the caller's rule. Negative values and values beyond <see cref="MaxValue"/> are rejected.
/// </remarks>
public static class DurationText
{
    /// <summary>The longest duration accepted: one year, far above any sane grant and far below overflow.</summary>
    public static readonly TimeSpan MaxValue = TimeSpan.FromDays(366);

    private const string Units = "dhm";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty) return false;

        long minutes = 0;
        var nextUnit = 0;   // index into Units: each unit at most once, largest first
        var position = 0;
        while (position < span.Length)
        {
            var digits = 0;
            while (position + digits < span.Length && char.IsAsciiDigit(span[position + digits])) digits++;
            if (digits == 0 || digits > 6 || position + digits >= span.Length) return false;

            var number = long.Parse(span.Slice(position, digits), NumberStyles.None, CultureInfo.InvariantCulture);
            var unit = Units.IndexOf(char.ToLowerInvariant(span[position + digits]), StringComparison.Ordinal);
            if (unit < nextUnit) return false;

            minutes += number * unit switch { 0 => 24 * 60, 1 => 60, _ => 1 };
            if (minutes > MaxValue.TotalMinutes) return false;
            nextUnit = unit + 1;
            position += digits + 1;
        }

        value = TimeSpan.FromMinutes(minutes);
        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as the same value; seconds are dropped.</summary>
    public static string Format(TimeSpan value)
    {
        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            builder.Append('-');
            value = value.Duration();
        }

        var totalMinutes = (long)value.TotalMinutes;
        if (totalMinutes == 0) return builder.Append("0m").ToString();

        Append(builder, totalMinutes / (24 * 60), 'd');
        Append(builder, totalMinutes / 60 % 24, 'h');
        Append(builder, totalMinutes % 60, 'm');
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, long number, char unit)
    {
        if (number > 0) builder.Append(number.ToString(CultureInfo.InvariantCulture)).Append(unit);
    }
}
