using System.Globalization;
using System.Text;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// Durations as people type them: a sequence of whole numbers with a unit, largest first, e.g. <c>30m</c>, <c>4h</c>,
/// <c>1d</c>, <c>1h30m</c>. Units: <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>. Zero, negative, fractional and overflowing values are rejected.
/// </summary>
public static class DurationText
{
    private static readonly (char Unit, TimeSpan Size)[] Units =
    [
        ('d', TimeSpan.FromDays(1)),
        ('h', TimeSpan.FromHours(1)),
        ('m', TimeSpan.FromMinutes(1)),
        ('s', TimeSpan.FromSeconds(1)),
    ];

    /// <summary>True and a positive duration when <paramref name="text"/> is well formed.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty) return false;

        var nextUnit = 0;
        var total = TimeSpan.Zero;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits])) digits++;
            if (digits == 0 || digits == span.Length || digits > 9) return false;
            var number = long.Parse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            var unit = char.ToLowerInvariant(span[digits]);
            var unitIndex = Array.FindIndex(Units, nextUnit, u => u.Unit == unit);
            if (unitIndex < 0) return false;
            try
            {
                total = checked(total + Units[unitIndex].Size * number);
            }
            catch (OverflowException)
            {
                return false;
            }
            nextUnit = unitIndex + 1;
            span = span[(digits + 1)..];
        }
        if (total <= TimeSpan.Zero) return false;
        duration = total;
        return true;
    }

    /// <summary>The shortest text that <see cref="TryParse"/> reads back as the same duration (e.g. <c>1h30m</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return "0m";
        var text = new StringBuilder();
        var rest = duration;
        foreach (var (unit, size) in Units)
        {
            var count = (long)(rest.Ticks / size.Ticks);
            if (count == 0) continue;
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest -= size * count;
        }
        return text.Length == 0 ? "0s" : text.ToString();
    }

    /// <summary>Parse or throw a <see cref="FormatException"/> that quotes the input.</summary>
    public static TimeSpan Parse(string? text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not a duration (examples: 30m, 4h, 1d, 1h30m).");
}
