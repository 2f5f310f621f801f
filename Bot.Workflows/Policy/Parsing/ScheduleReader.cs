using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads <c>defaults:</c>, <c>business_hours:</c> and <c>digest:</c>.</summary>
internal static class ScheduleReader
{
    public static readonly PolicyDefaults BuiltInDefaults = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 5);

    private static readonly string[] DefaultsKeys = ["remind_before", "pending_timeout", "max_pending_per_requester"];
    private static readonly string[] BusinessHoursKeys = ["timezone", "days", "start", "end"];
    private static readonly string[] DigestKeys = ["cron", "timezone", "channel"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    /// <summary>Every key is optional; a missing one takes <see cref="BuiltInDefaults"/>.</summary>
    public static PolicyDefaults ReadDefaults(PolicyReadContext context, YamlMappingNode? node)
    {
        if (node is null) return BuiltInDefaults;
        var fields = new YamlFields(context, node, "defaults", DefaultsKeys);
        return new PolicyDefaults(
            fields.Duration("remind_before", required: false) ?? BuiltInDefaults.RemindBefore,
            fields.Duration("pending_timeout", required: false) ?? BuiltInDefaults.PendingTimeout,
            fields.Integer("max_pending_per_requester", required: false, minimum: 1) ?? BuiltInDefaults.MaxPendingPerRequester);
    }

    public static BusinessHours? ReadBusinessHours(PolicyReadContext context, YamlMappingNode? node)
    {
        if (node is null) return null;
        var fields = new YamlFields(context, node, "business_hours", BusinessHoursKeys);
        var timeZone = TimeZone(context, fields);
        var days = Days(context, fields);
        var start = TimeOfDay(context, fields, "start");
        var end = TimeOfDay(context, fields, "end");
        if (start is { } s && end is { } e && s >= e)
            context.Error(fields.Get("end", false)!, fields.Child("end"), $"must be later than start ({s:HH\\:mm}); business hours do not cross midnight");

        return timeZone is null || days is null || start is null || end is null
            ? null
            : new BusinessHours(timeZone, days, start.Value, end.Value);
    }

    public static DigestSchedule? ReadDigest(PolicyReadContext context, YamlMappingNode? node, PolicyReferences references)
    {
        if (node is null) return null;
        var fields = new YamlFields(context, node, "digest", DigestKeys);
        var cron = fields.Scalar("cron", required: true);
        if (cron is var (expression, cronNode) && CronText.Validate(expression) is { } error)
        {
            context.Error(cronNode, fields.Child("cron"), error);
            cron = null;
        }

        var timeZone = TimeZone(context, fields);
        var channel = fields.Scalar("channel", required: true) is var (name, channelNode)
            && references.Channel(name, channelNode, fields.Child("channel")) ? name : null;
        return cron is null || timeZone is null || channel is null ? null : new DigestSchedule(cron.Value.Value.Trim(), timeZone, channel);
    }

    private static string? TimeZone(PolicyReadContext context, YamlFields fields)
    {
        if (fields.Scalar("timezone", required: true) is not var (id, node)) return null;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _)) return id.Trim();
        context.Error(node, fields.Child("timezone"), $"{PolicyReadContext.Quote(id)} is not a known time zone (use an IANA name such as Europe/Berlin or UTC)");
        return null;
    }

    private static HashSet<DayOfWeek>? Days(PolicyReadContext context, YamlFields fields)
    {
        if (fields.Get("days", required: true) is not { } node) return null;
        var days = new HashSet<DayOfWeek>();
        var ok = true;
        foreach (var (text, dayNode, path) in YamlValues.Names(context, node, fields.Child("days")))
        {
            if (DayNames.TryGetValue(text.Trim(), out var day)) days.Add(day);
            else
            {
                context.Error(dayNode, path, $"{PolicyReadContext.Quote(text)} is not a weekday (use mon, tue, wed, thu, fri, sat, sun)");
                ok = false;
            }
        }

        if (ok && days.Count == 0) context.Error(node, fields.Child("days"), "lists no days");
        return ok && days.Count > 0 ? days : null;
    }

    private static TimeOnly? TimeOfDay(PolicyReadContext context, YamlFields fields, string key)
    {
        if (fields.Scalar(key, required: true) is not var (text, node)) return null;
        if (TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        context.Error(node, fields.Child(key), $"{PolicyReadContext.Quote(text)} is not a time of day (use HH:mm, e.g. \"08:00\")");
        return null;
    }
}
