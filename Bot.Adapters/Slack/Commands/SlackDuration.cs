using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AccessBot.Adapters.Slack.Commands;

/// <summary>Durations as people type them in chat: <c>30m</c>, <c>4h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static partial class SlackDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 20) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        var total = TimeSpan.Zero;
        foreach (var (group, unit) in new[] { ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)) })
        {
            if (!match.Groups[group].Success) continue;
            if (!int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 10_000) return false;
            total += unit * n;
        }
        if (total <= TimeSpan.Zero) return false;
        duration = total;
        return true;
    }

    public static string Format(TimeSpan duration)
    {
        var text = new StringBuilder();
        if (duration.Days > 0) text.Append(CultureInfo.InvariantCulture, $"{duration.Days}d");
        if (duration.Hours > 0) text.Append(CultureInfo.InvariantCulture, $"{duration.Hours}h");
        if (duration.Minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        return text.Length == 0 ? "0m" : text.ToString();
    }

    [GeneratedRegex(@"^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m(?:in)?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
