using AccessBot.Workflows.Digest;
using Microsoft.Extensions.Options;
using Scriban;

namespace AccessBot.Workflows.Alerts;

/// <summary>Renders <c>digest/alert.sbn</c>, parsed once at construction, with the platform's escaping.</summary>
public sealed class AlertRenderer
{
    public const string TemplateName = "digest/alert.sbn";

    private readonly Template _template;

    public AlertRenderer(IOptions<DigestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _template = DigestTemplates.Load(options.Value, TemplateName);
    }

    public string Render(Alert alert, DigestMarkup markup, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(markup);
        return DigestTemplates.Render(_template, DigestScriptModel.Build(alert, markup, zone), TemplateName);
    }
}
