using AccessBot.Adapters.Teams.Handling;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Cards;

// Models for templates/teams/*.sbn. Every string in them is escaped by the renderer; templates see snake_case names.

internal sealed record ApprovalTitleModel(long Id, string Resource, string Duration);

internal sealed record DecisionModel(string Verb, string Approver, string Platform, string At, int Step);

internal sealed record ApprovalBodyModel(
    string RequesterName, string RequesterEmail, string Resource, string Duration, string Sensitivity,
    string State, string StateText, int Step, int TotalSteps, string? StepGroup, bool BreakGlass, bool AutoApproved,
    string? ExpiresAt, string? ClosedReason, IReadOnlyList<DecisionModel> Decisions);

internal sealed record ViewerNoteModel(bool IsRequester, int Step, int TotalSteps);

internal sealed record BannerModel(bool Refused, string? Message, string? Verb, long Id, string? At);

internal sealed record RequesterUpdateModel(
    long Id, string Resource, string Duration, string StateText, string? ExpiresAt, string? LastDecision, string? ClosedReason);

internal sealed record ExpiringModel(long Id, string Resource, string ExpiresAt);

internal sealed record NoticeModel(string Kind, long? Id, string? Resource, string? Requester, string? Duration, int Step, int TotalSteps, string StateText);

internal sealed record ListedRequest(long Id, string Resource, string Duration, string StateText, string? Requester, string CreatedAt);

internal sealed record RequestListModel(string Heading, string EmptyText, IReadOnlyList<ListedRequest> Requests);

internal sealed record ListedResource(string Name, string Description, string DefaultDuration, string MaxDuration, bool ReasonRequired);

internal sealed record ResourcesModel(IReadOnlyList<ListedResource> Resources);

internal sealed record CommandResultModel(bool Ok, string? Text, long Id, string? Resource, string? StateText, string? Message);

internal sealed record MessageModel(string Message);

internal sealed record FormModel(string? Error);

internal sealed record SubmittedModel(long Id, string Resource, string Duration, string StateText, bool Pending);

internal static class StateTexts
{
    public static string Of(RequestState state) => state switch
    {
        RequestState.Pending => "pending",
        RequestState.Approved => "approved",
        RequestState.Active => "active",
        RequestState.Expired => "expired",
        RequestState.Revoked => "revoked",
        RequestState.Denied => "denied",
        RequestState.Cancelled => "cancelled",
        RequestState.TimedOut => "timed out",
        RequestState.Failed => "failed",
        _ => state.ToString(),
    };

    public static DecisionModel Decision(ApprovalRecord a) =>
        new(a.Approved ? "Approved" : "Denied", a.Approver.DisplayName, a.Platform, ChatDuration.Time(a.At), a.Step);
}
