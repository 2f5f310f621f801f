using System.Collections;
using System.Globalization;
using Scriban.Runtime;

namespace AccessBot.Adapters.Rendering;

/// <summary>
/// Turns a typed model into the object a template sees, escaping every string on the way with the platform's escaper,
/// so a template author cannot forget to. <see cref="SafeText"/> passes through unchanged. Members are snake_case.
/// </summary>
internal static class TemplateModel
{
    public static ScriptObject From(object model, ITextEscaper escaper)
    {
        var root = new ScriptObject();
        Fill(root, model, escaper, depth: 0);
        return root;
    }

    private static void Fill(ScriptObject target, object model, ITextEscaper escaper, int depth)
    {
        foreach (var property in model.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0) continue;
            target[StandardMemberRenamer.Rename(property.Name)] = Convert(property.GetValue(model), escaper, depth + 1);
        }
    }

    private static object? Convert(object? value, ITextEscaper escaper, int depth)
    {
        if (depth > 8) throw new TemplateException("Template model nests too deeply.");
        switch (value)
        {
            case null:
                return null;
            case string text:
                return escaper.Escape(text);
            case SafeText safe:
                return safe.Value;
            case bool or int or long or double or decimal or DateTimeOffset or TimeSpan:
                return value;
            case Enum e:
                return e.ToString();
            case IFormattable formattable when value.GetType().IsPrimitive:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items:
                var array = new ScriptArray();
                foreach (var item in items) array.Add(Convert(item, escaper, depth + 1));
                return array;
            default:
                var nested = new ScriptObject();
                Fill(nested, value, escaper, depth);
                return nested;
        }
    }
}
