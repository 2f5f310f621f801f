using System.Globalization;
using System.Text.RegularExpressions;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Slack.Text;

/// <summary>
/// A request as the Slack templates see it. Strings are escaped by the renderer; <see cref="SafeText"/> members are
/// mentions and date tokens built here from validated ids and numbers, and the state emoji from <c>slack/labels.sbn</c>,
/// never from user text.
/// </summary>
internal sealed partial record RequestView(
    string Id,
    SafeText Requester,
    string RequesterEmail,
    string Resource,
    string Duration,
    string Reason,
    string State,
    string StateLabel,
    SafeText StateIcon,
    int Step,
    int Steps,
    string? StepGroup,
    bool BreakGlass,
    bool AutoApproved,
    string Sensitivity,
    bool Sensitive,
    bool OffHours,
    SafeText? DecidedBy,
    SafeText? DecidedAt,
    SafeText? ExpiresAt,
    string? ClosedReason)
{
    /// <param name="label">Words a state from <c>slack/labels.sbn</c> (<c>state_{state}</c>, <c>state_icon_{state}</c>).</param>
    public static RequestView From(RequestSnapshot r, AccessPolicy? policy, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var deciders = r.Approvals.Where(a => r.State is not RequestState.Pending || a.Step < r.CurrentStep).ToList();
        var decidedBy = deciders.Count == 0 ? null : new SafeText(string.Join(", ", deciders.Select(a => Mention(a.Approver))));
        return new RequestView(
            r.Id.ToString(),
            new SafeText(Mention(r.Requester)),
            r.Requester.Email,
            r.Resource,
            SlackDuration.Format(r.Duration),
            r.Reason,
            r.State.ToString(),
            label("state_" + r.State.ToDb()),
            new SafeText(label("state_icon_" + r.State.ToDb())),
            r.CurrentStep,
            r.TotalSteps,
            r.CurrentStepGroup,
            r.BreakGlass,
            r.AutoApproved,
            r.Sensitivity.ToString().ToLowerInvariant(),
            r.Sensitivity >= Workflows.Policy.Sensitivity.High,
            policy is not null && IsOffHours(r.CreatedAt, policy.BusinessHours),
            decidedBy,
            r.DecidedAt is { } decided ? Date(decided) : null,
            r.ExpiresAt is { } expires ? Date(expires) : null,
            r.ClosedReason);
    }

    /// <summary>A mention for a well-formed Slack user id; otherwise the escaped display name.</summary>
    public static string Mention(Principal person) =>
        person.SlackUserId is { } id && UserId().IsMatch(id) ? $"<@{id}>" : SlackMrkdwnEscaper.EscapeMrkdwn(person.DisplayName);

    /// <summary>Slack renders this in each reader's own time zone; the fallback is UTC.</summary>
    public static SafeText Date(DateTimeOffset at)
    {
        var unix = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var fallback = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return new SafeText($"<!date^{unix}^{{date_short_pretty}} {{time}}|{fallback}>");
    }

    private static bool IsOffHours(DateTimeOffset at, BusinessHours hours)
    {
        try
        {
            var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone));
            var time = TimeOnly.FromDateTime(local.DateTime);
            return !hours.Days.Contains(local.DayOfWeek) || time < hours.Start || time >= hours.End;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserId();
}
