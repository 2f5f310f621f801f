using Scriban;
using Scriban.Runtime;

namespace AccessBot.Workflows.Digest;

/// <summary>Loading and running the digest and alert templates (strict variables: a typo fails loudly, not silently).</summary>
internal static class DigestTemplates
{
    public static Template Load(DigestOptions options, string name)
    {
        var path = Locate(options, name);
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
            throw new InvalidOperationException($"Template '{path}' is invalid: {string.Join("; ", template.Messages)}");
        return template;
    }

    public static string Render(Template template, ScriptObject model, string name)
    {
        var context = new TemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false };
        context.PushGlobal(model);
        try
        {
            return template.Render(context).Trim() + "\n";
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"Template '{name}' failed to render: {e.OriginalMessage} at {e.Span}", e);
        }
    }

    private static string Locate(DigestOptions options, string name)
    {
        if (!string.IsNullOrWhiteSpace(options.TemplatesPath))
        {
            var own = Path.Combine(options.TemplatesPath, name);
            if (File.Exists(own)) return own;
        }
        var builtIn = Path.Combine(options.BuiltInTemplatesPath, name);
        return File.Exists(builtIn)
            ? builtIn
            : throw new InvalidOperationException($"Template '{name}' was not found in '{options.BuiltInTemplatesPath}'.");
    }
}
