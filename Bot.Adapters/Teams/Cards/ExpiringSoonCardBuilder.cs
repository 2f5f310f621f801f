using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Cards;

/// <summary>The requester's "expires soon" card: Extend (with a duration) and Release while the grant is active.</summary>
public sealed class ExpiringSoonCardBuilder(TemplateRenderer templates)
{
    public const string ExtendVerb = "extend";
    public const string ReleaseVerb = "release";
    public const string DurationInput = "duration";

    public AdaptiveCard Build(RequestSnapshot request)
    {
        var expires = request.ExpiresAt is { } at ? ChatDuration.Time(at) : "-";
        var body = new List<CardElement>
        {
            new TextBlock(templates.Render("teams/expiring_soon.sbn", new ExpiringModel(request.Id.Value, request.Resource, expires),
                TeamsMarkdownEscaper.Card)),
        };
        if (request.State != RequestState.Active)
        {
            body.Add(new TextBlock(templates.Render("teams/requester_update.sbn", RequesterUpdates.Model(templates, request), TeamsMarkdownEscaper.Card))
                { IsSubtle = true, Separator = true });
            return new AdaptiveCard(body);
        }
        body.Add(new InputText(Label("extend_input")) { Id = DurationInput, Value = ChatDuration.Format(request.Duration), MaxLength = 16 });
        var data = new Dictionary<string, string> { ["requestId"] = request.Id.ToString() };
        return new AdaptiveCard(body,
        [
            ExecuteAction.WithFallback(Label("extend"), ExtendVerb, data, "positive"),
            ExecuteAction.WithFallback(Label("release"), ReleaseVerb, data),
        ]);
    }

    private string Label(string key) => templates.Label(TeamsPlatform.Name, key, TeamsMarkdownEscaper.Card);
}
