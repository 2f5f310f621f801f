using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Rendering;
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

    public AdaptiveCard Build(AccessPolicy policy, RequestFormValues? values = null, string? error = null)
    {
        var choices = policy.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new Choice($"{r.Name}: {r.Description}", r.Name)).ToList();
        var body = new List<CardElement>
        {
            new TextBlock(templates.Render("teams/request_form.sbn", new FormModel(error), TeamsMarkdownEscaper.Card))
                { Color = error is null ? null : "Attention" },
            new InputChoiceSet("Resource", choices) { Id = ResourceInput, Value = values?.Resource, IsRequired = true, ErrorMessage = "Pick a resource." },
            new InputText("Duration (e.g. 30m, 4h, 1d)") { Id = DurationInput, Value = values?.Duration, Placeholder = "4h", MaxLength = 16 },
            new InputText("Reason") { Id = ReasonInput, Value = values?.Reason, IsMultiline = true, MaxLength = 1000 },
        };
        return new AdaptiveCard(body, [ExecuteAction.WithFallback("Submit request", SubmitVerb, new Dictionary<string, string>(), "positive")]);
    }

    public static bool TryParseDuration(string? text, out TimeSpan? duration)
    {
        duration = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!ChatDuration.TryParse(text, out var parsed)) return false;
        duration = parsed;
        return true;
    }
}
