using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Teams.Cards;

/// <summary>What the person typed into the request form (kept when the form comes back with an error).</summary>
public sealed record RequestFormValues(string? Resource, string? Duration, string? Reason);

/// <summary>The "request access" form: resource, duration, reason; its submit creates the request.</summary>
public sealed class RequestFormCardBuilder(TemplateRenderer templates)
{
    public const string SubmitVerb = "submitRequest";
    public const string ResourceInput = "resource";
    public const string DurationInput = "duration";
    public const string ReasonInput = "reason";

    /// <param name="problem">Why the form came back (worded by <c>teams/request_form.sbn</c>).</param>
    /// <param name="refusal">The engine's refusal, worded by <c>teams/refusals/{reason}.sbn</c>.</param>
    public AdaptiveCard Build(AccessPolicy policy, RequestFormValues? values = null, TeamsProblem? problem = null, RefusalDetail? refusal = null)
    {
        var choices = policy.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new Choice($"{r.Name}: {r.Description}", r.Name)).ToList();
        var escaper = TeamsMarkdownEscaper.Card;
        var model = new FormModel(problem is null ? null : new SafeText(problem.Key), problem?.Value,
            refusal is null ? null : new SafeText(templates.RenderRefusal(TeamsPlatform.Name, refusal, escaper)));
        var body = new List<CardElement>
        {
            new TextBlock(templates.Render("teams/request_form.sbn", model, escaper))
                { Color = problem is null && refusal is null ? null : "Attention" },
            new InputChoiceSet(Label("resource_input"), choices)
                { Id = ResourceInput, Value = values?.Resource, IsRequired = true, ErrorMessage = Label("resource_missing") },
            new InputText(Label("duration_input")) { Id = DurationInput, Value = values?.Duration, Placeholder = "4h", MaxLength = 16 },
            new InputText(Label("reason_input")) { Id = ReasonInput, Value = values?.Reason, IsMultiline = true, MaxLength = 1000 },
        };
        return new AdaptiveCard(body, [ExecuteAction.WithFallback(Label("submit_request"), SubmitVerb, new Dictionary<string, string>(), "positive")]);
    }

    private string Label(string key) => templates.Label(TeamsPlatform.Name, key, TeamsMarkdownEscaper.Card);

    public static bool TryParseDuration(string? text, out TimeSpan? duration)
    {
        duration = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!ChatDuration.TryParse(text, out var parsed)) return false;
        duration = parsed;
        return true;
    }
}
