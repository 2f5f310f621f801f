namespace AccessBot.Adapters.Rendering;

/// <summary>A platform's escaping for user-supplied text (Slack mrkdwn, Teams markdown, plain text).</summary>
public interface ITextEscaper
{
    string Escape(string text);
}

/// <summary>Markup built by code (a mention, a link) that must reach the template as it is. Never wrap user text in it.</summary>
public sealed record SafeText(string Value)
{
    public override string ToString() => Value;
}
