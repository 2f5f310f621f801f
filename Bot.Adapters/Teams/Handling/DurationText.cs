using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Durations as people type them in chat: <c>30m</c>, <c>4h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^(?:(?<d>\d{1,3})d)?(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,5})m)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m"));
        return duration > TimeSpan.Zero;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return "0m";
        var builder = new StringBuilder();
        if (duration.Days > 0) builder.Append(CultureInfo.InvariantCulture, $"{duration.Days}d");
        if (duration.Hours > 0) builder.Append(CultureInfo.InvariantCulture, $"{duration.Hours}h");
        if (duration.Minutes > 0) builder.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        return builder.Length == 0 ? "<1m" : builder.ToString();
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
