using System.Text.Json.Serialization;

namespace AccessBot.Adapters.Teams.Cards;

/// <summary>The subset of Adaptive Cards 1.5 this bot builds. Serialized with <see cref="Protocol.TeamsJson.Options"/>.</summary>
public sealed record AdaptiveCard(IReadOnlyList<CardElement> Body, IReadOnlyList<CardAction>? Actions = null)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyOrder(-2)]
    [JsonPropertyName("$schema")]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Teams renders at most 1.5; Action.Execute needs at least 1.4 (teams.md §4.6).</summary>
    [JsonPropertyOrder(-1)]
    public string Version => "1.5";

    /// <summary>Universal Actions refresh (teams.md §4.4): whose view Teams re-fetches when they look at the card.</summary>
    public CardRefresh? Refresh { get; init; }
}

/// <summary>
/// The card's <c>refresh</c>: an Action.Execute the client sends as an <c>adaptiveCard/action</c> invoke. <see cref="UserIds"/>
/// (user MRIs, at most 60) is always written: without it Teams would refresh for every viewer in chats of up to 60 people,
/// and an empty list means "refresh by hand only".
/// </summary>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<string> UserIds);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
public abstract record CardElement
{
    public string? Id { get; init; }
    public string? Spacing { get; init; }
    public bool? Separator { get; init; }
}

/// <summary>Markdown-rendered text: only template output or escaped values go here.</summary>
public sealed record TextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;
    public string? Weight { get; init; }
    public string? Size { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
}

/// <summary>Text runs are never markdown-rendered: user-supplied text (reasons, comments) goes here verbatim.</summary>
public sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : CardElement;

public sealed record TextRun(string Text)
{
    public string Type => "TextRun";
    public string? Weight { get; init; }
    public bool? Italic { get; init; }
    public bool? IsSubtle { get; init; }
}

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Fact(string Title, string Value);

public sealed record InputText(string Label) : CardElement
{
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record InputChoiceSet(string Label, IReadOnlyList<Choice> Choices) : CardElement
{
    public string? Value { get; init; }
    public string Style { get; init; } = "compact";
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record Choice(string Title, string Value);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction(string Title)
{
    public string? Style { get; init; }
}

/// <summary>Universal Action: an <c>adaptiveCard/action</c> invoke; older clients use <see cref="Fallback"/>.</summary>
public sealed record ExecuteAction(string Title, string Verb, IReadOnlyDictionary<string, string> Data) : CardAction(Title)
{
    public CardAction? Fallback { get; init; }

    /// <summary>The Action.Execute with an Action.Submit fallback carrying the verb in its data (teams.md §4.3).</summary>
    public static ExecuteAction WithFallback(string title, string verb, IReadOnlyDictionary<string, string> data, string? style = null)
    {
        var submitData = new Dictionary<string, string>(data) { ["verb"] = verb };
        return new ExecuteAction(title, verb, data) { Style = style, Fallback = new SubmitAction(title, submitData) { Style = style } };
    }
}

public sealed record SubmitAction(string Title, IReadOnlyDictionary<string, string> Data) : CardAction(Title);

public sealed record OpenUrlAction(string Title, string Url) : CardAction(Title);
