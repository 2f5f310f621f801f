using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Cards;

internal static class RequesterUpdates
{
    public static RequesterUpdateModel Model(TemplateRenderer templates, RequestSnapshot r)
    {
        var last = r.Approvals.OrderBy(a => a.At).LastOrDefault();
        return new RequesterUpdateModel(
            r.Id.Value, r.Resource, ChatDuration.Format(r.Duration), StateTexts.Of(templates, r.State),
            r.ExpiresAt is { } e && r.State is RequestState.Active or RequestState.Approved ? ChatDuration.Time(e) : null,
            last?.Approved, last?.Approver.DisplayName,
            r.ClosedReason);
    }
}
