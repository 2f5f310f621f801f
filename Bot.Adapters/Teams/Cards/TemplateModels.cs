using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Cards;

// Models for templates/teams/*.sbn. Every string in them is escaped by the renderer; templates see snake_case names.

internal sealed record ApprovalTitleModel(long Id, string Resource, string Duration);

internal sealed record DecisionModel(bool Approved, string Approver, string Platform, string At, int Step);

internal sealed record ApprovalBodyModel(
    string RequesterName, string RequesterEmail, string Resource, string Duration, string Sensitivity,
    string State, string StateText, int Step, int TotalSteps, string? StepGroup, bool BreakGlass, bool AutoApproved,
    string? ExpiresAt, string? ClosedReason, IReadOnlyList<DecisionModel> Decisions);

internal sealed record ViewerNoteModel(bool IsRequester, int Step, int TotalSteps);

/// <param name="Kind">Decided, Refused or AlreadyClosed.</param>
/// <param name="Message">The refusal sentence, already rendered and escaped.</param>
internal sealed record BannerModel(string Kind, SafeText? Message, bool Approved, long Id, string? At, string? StateText, string? By);

internal sealed record RequesterUpdateModel(
    long Id, string Resource, string Duration, string StateText, string? ExpiresAt, bool? LastApproved, string? LastBy, string? ClosedReason);

internal sealed record ExpiringModel(long Id, string Resource, string ExpiresAt);

internal sealed record NoticeModel(string Kind, long? Id, string? Resource, string? Requester, string? Duration, int Step, int TotalSteps, string StateText);

internal sealed record ListedRequest(long Id, string Resource, string Duration, string StateText, string? Requester, string CreatedAt);

/// <param name="List">Which list: <c>mine</c> or <c>pending</c> (the template words its heading).</param>
internal sealed record RequestListModel(SafeText List, IReadOnlyList<ListedRequest> Requests);

internal sealed record ListedResource(string Name, string Description, string DefaultDuration, string MaxDuration, bool ReasonRequired);

internal sealed record ResourcesModel(IReadOnlyList<ListedResource> Resources);

/// <param name="Command">Revoke, Cancel or Release (what was done).</param>
/// <param name="Message">The refusal sentence, already rendered and escaped.</param>
internal sealed record CommandResultModel(bool Ok, string Command, long Id, string? Resource, string? StateText, SafeText? Message);

internal sealed record MessageModel(string Message);

/// <summary>A <see cref="TeamsProblem"/> for <c>teams/command_error.sbn</c>.</summary>
/// <remarks>Keys are code constants, passed unescaped so a template can compare them (escaping would turn <c>_</c> into <c>\_</c>).</remarks>
internal sealed record ProblemModel(SafeText Problem, string? Value, long? Id)
{
    public static ProblemModel Of(TeamsProblem problem) => new(new SafeText(problem.Key), problem.Value, problem.Id);
}

/// <param name="Problem">Why the form came back: a key the template words (e.g. <c>no_resource</c>), or null.</param>
/// <param name="Value">The typed value the problem is about, when there is one.</param>
/// <param name="Refusal">The engine's refusal sentence, already rendered and escaped.</param>
internal sealed record FormModel(SafeText? Problem, string? Value, SafeText? Refusal);

/// <param name="Message">The refusal sentence, already rendered and escaped.</param>
internal sealed record RefusedModel(SafeText Message);

internal sealed record SubmittedModel(long Id, string Resource, string Duration, string StateText, bool Pending);

internal static class StateTexts
{
    /// <summary>The state as people read it, from <c>teams/labels.sbn</c> (<c>state_timed_out</c> → "timed out").</summary>
    public static string Of(TemplateRenderer templates, RequestState state) =>
        templates.Label(TeamsPlatform.Name, "state_" + state.ToDb(), PlainTextEscaper.Instance);   // escaped once, by the template it goes into

    public static DecisionModel Decision(ApprovalRecord a) =>
        new(a.Approved, a.Approver.DisplayName, a.Platform, ChatDuration.Time(a.At), a.Step);
}
