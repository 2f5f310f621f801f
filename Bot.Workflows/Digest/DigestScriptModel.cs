using System.Collections;
using System.Globalization;
using System.Reflection;
using Scriban.Runtime;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// Turns a digest or alert model into what the template sees: every string escaped by the platform's markup on the way in (so a
/// template cannot forget to), permalinks sanitized, members in snake_case, and a few formatting functions in the
/// digest's time zone: <c>local</c>, <c>local_after</c>, <c>local_day</c>, <c>span</c>, <c>link</c>, <c>strong</c>.
/// </summary>
internal static class DigestScriptModel
{
    private const int MaxDepth = 8;

    public static ScriptObject Build(object model, DigestMarkup markup, TimeZoneInfo zone)
    {
        var root = new ScriptObject();
        Fill(root, model, markup, 0);
        root.Import("local", new Func<DateTimeOffset, string>(t => Format(t, zone, "ddd d MMM HH:mm")));
        root.Import("local_day", new Func<DateTimeOffset, string>(t => Format(t, zone, "ddd d MMM yyyy")));
        root.Import("local_after", new Func<DateTimeOffset, TimeSpan, string>(
            (t, span) => Format(t + span, zone, "ddd d MMM HH:mm")));
        root.Import("span", new Func<TimeSpan, string>(FormatSpan));
        root.Import("link", new Func<string?, string, string>((url, label) => url is null ? label : markup.Link(url, label)));
        root.Import("strong", new Func<string, string>(markup.Strong));
        return root;
    }

    /// <summary>"3d 4h", "4h 30m", "12m", "45s": two most significant units, never negative.</summary>
    public static string FormatSpan(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = span.Negate();
        if (span.TotalDays >= 1) return span.Hours == 0 ? $"{(int)span.TotalDays}d" : $"{(int)span.TotalDays}d {span.Hours}h";
        if (span.TotalHours >= 1) return span.Minutes == 0 ? $"{span.Hours}h" : $"{span.Hours}h {span.Minutes}m";
        if (span.TotalMinutes >= 1) return $"{span.Minutes}m";
        return $"{span.Seconds}s";
    }

    private static string Format(DateTimeOffset instant, TimeZoneInfo zone, string format) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime.ToString(format, CultureInfo.InvariantCulture);

    private static ScriptObject Period(DigestPeriod period, DigestMarkup markup) => new()
    {
        ["week"] = period.Week.ToString(),
        ["time_zone"] = markup.Escape(period.TimeZone.Id),
        ["start"] = period.Start,
        ["end"] = period.End,
        ["last_day"] = period.End.AddTicks(-1),
        ["hours"] = (long)Math.Round(period.Length.TotalHours),
    };

    private static void Fill(ScriptObject target, object model, DigestMarkup markup, int depth)
    {
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var value = property.GetValue(model);
            target[StandardMemberRenamer.Rename(property.Name)] = property.Name == nameof(DigestItem.Permalink)
                ? SafeUrl.From(value as string)
                : Convert(value, markup, depth + 1);
        }
    }

    private static object? Convert(object? value, DigestMarkup markup, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException("The digest model nests too deeply.");
        switch (value)
        {
            case null:
                return null;
            case string text:
                return markup.Escape(text);
            case bool or int or long or double or DateTimeOffset or TimeSpan:
                return value;
            case Enum e:
                return e.ToString();
            case DigestPeriod period:
                return Period(period, markup);
            case IsoWeek week:
                return week.ToString();
            case TimeZoneInfo zone:
                return markup.Escape(zone.Id);
            case IEnumerable items:
                var array = new ScriptArray();
                foreach (var item in items) array.Add(Convert(item, markup, depth + 1));
                return array;
            default:
                var nested = new ScriptObject();
                Fill(nested, value, markup, depth);
                return nested;
        }
    }
}
