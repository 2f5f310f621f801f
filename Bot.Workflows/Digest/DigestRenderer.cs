using Microsoft.Extensions.Options;
using Scriban;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// Renders <c>digest/weekly.sbn</c>. The template is parsed once, at construction, so a broken one stops start-up with its
/// file, line and column; the operator's templates folder overrides the built-in file.
/// </summary>
public sealed class DigestRenderer
{
    public const string TemplateName = "digest/weekly.sbn";

    private readonly Template _template;

    public DigestRenderer(IOptions<DigestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _template = DigestTemplates.Load(options.Value, TemplateName);
    }

    /// <summary>The digest as text for one platform; every user-supplied value went through <see cref="DigestMarkup.Escape"/>.</summary>
    public string Render(WeeklyDigest digest, DigestMarkup markup)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(markup);
        return DigestTemplates.Render(_template, DigestScriptModel.Build(digest, markup, digest.Period.TimeZone), TemplateName);
    }
}
