using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;

namespace AccessBot.Adapters.Rendering;

/// <summary>
/// Every human-readable text the bot sends comes from a Scriban template under <c>templates/</c>. All templates are parsed
/// once, at construction, and a broken one stops start-up with its file, line and column. The operator's folder overrides
/// built-in files of the same relative name.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly FrozenDictionary<string, Template> _templates;

    public TemplateRenderer(IOptions<TemplateOptions> options)
    {
        var settings = options.Value;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(settings.BuiltInPath, files, required: true);
        if (!string.IsNullOrWhiteSpace(settings.TemplatesPath)) Collect(settings.TemplatesPath, files, required: true);
        _templates = files.ToFrozenDictionary(f => f.Key, f => Parse(f.Value), StringComparer.Ordinal);
    }

    /// <summary>Relative names (e.g. <c>slack/approval_request.sbn</c>) of every loaded template.</summary>
    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Renders <paramref name="name"/> with the model's strings escaped by <paramref name="escaper"/>.</summary>
    public string Render(string name, object model, ITextEscaper escaper)
    {
        if (!_templates.TryGetValue(name, out var template))
            throw new TemplateException($"No template named '{name}'.");
        var context = new TemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false };
        context.PushGlobal(TemplateModel.From(model, escaper));
        try
        {
            return template.Render(context).Trim();
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new TemplateException($"Template '{name}' failed to render: {e.OriginalMessage} at {e.Span}", e);
        }
    }

    private static void Collect(string root, Dictionary<string, string> files, bool required)
    {
        if (!Directory.Exists(root))
        {
            if (required) throw new TemplateException($"Template folder '{root}' does not exist.");
            return;
        }
        foreach (var path in Directory.EnumerateFiles(root, "*.sbn", SearchOption.AllDirectories))
            files[Path.GetRelativePath(root, path).Replace('\\', '/')] = path;
    }

    private static Template Parse(string path)
    {
        var template = Template.Parse(File.ReadAllText(path), path);
        if (!template.HasErrors) return template;
        // Scriban's messages carry "file(line,column)"; keep all of them so an operator fixes everything in one go.
        throw new TemplateException($"Template '{path}' is invalid: {string.Join("; ", template.Messages)}");
    }
}
