using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>
/// The keys of one YAML mapping, read by name with their positions. Unknown keys are reported when the view is made
/// (a misspelt optional key would otherwise be silently ignored); each getter reports its own type errors.
/// </summary>
internal sealed class YamlFields
{
    private readonly PolicyReadContext _context;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    public YamlFields(PolicyReadContext context, YamlMappingNode mapping, string path, IReadOnlyCollection<string> allowed)
    {
        _context = context;
        Node = mapping;
        Path = path;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                context.Error(keyNode, path, "keys must be plain names");
                continue;
            }

            if (allowed.Contains(key)) _values[key] = value;
            else context.Error(keyNode, Child(key), UnknownKey(key, allowed));
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The raw node, or null (reported when <paramref name="required"/>) when the key is absent.</summary>
    public YamlNode? Get(string key, bool required)
    {
        if (_values.TryGetValue(key, out var node)) return node;
        if (required) _context.Error(Node, Child(key), "is required");
        return null;
    }

    /// <summary>Reports a rule broken by the value of <paramref name="key"/> (at the value, or at the mapping when absent).</summary>
    public void Report(string key, string message) => _context.Error(Get(key, required: false) ?? Node, Child(key), message);

    public (string Value, YamlNode Node)? Scalar(string key, bool required) =>
        Get(key, required) is { } node ? YamlValues.Scalar(_context, node, Child(key)) : null;

    public string? String(string key, bool required) => Scalar(key, required)?.Value;

    public YamlMappingNode? Mapping(string key, bool required) =>
        Get(key, required) is { } node ? YamlValues.Mapping(_context, node, Child(key)) : null;

    public YamlSequenceNode? Sequence(string key, bool required) =>
        Get(key, required) is { } node ? YamlValues.Sequence(_context, node, Child(key)) : null;

    /// <summary>A duration that must be positive. Null when absent or wrong (wrong is reported).</summary>
    public TimeSpan? Duration(string key, bool required)
    {
        if (Scalar(key, required) is not var (text, node)) return null;
        if (!DurationText.TryParse(text, out var value))
        {
            var message = text.TrimStart().StartsWith('-')
                ? $"{PolicyReadContext.Quote(text)} is negative; durations must be greater than zero"
                : $"{PolicyReadContext.Quote(text)} is not a duration (use 30m, 4h, 1d or 1h30m)";
            _context.Error(node, Child(key), message);
            return null;
        }

        if (value > TimeSpan.Zero) return value;
        _context.Error(node, Child(key), $"{PolicyReadContext.Quote(text)} must be greater than zero");
        return null;
    }

    public int? Integer(string key, bool required, int minimum)
    {
        if (Scalar(key, required) is not var (text, node)) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _context.Error(node, Child(key), $"{PolicyReadContext.Quote(text)} is not a whole number");
            return null;
        }

        if (value >= minimum) return value;
        _context.Error(node, Child(key), $"must be at least {minimum} (found {value})");
        return null;
    }

    public bool? Boolean(string key, bool required)
    {
        if (Scalar(key, required) is not var (text, node)) return null;
        if (bool.TryParse(text, out var value)) return value;
        _context.Error(node, Child(key), $"{PolicyReadContext.Quote(text)} is not true or false");
        return null;
    }

    private static string UnknownKey(string key, IReadOnlyCollection<string> allowed)
    {
        var suggestion = allowed
            .Select(candidate => (candidate, distance: EditDistance(key, candidate)))
            .Where(c => c.distance <= 2)
            .OrderBy(c => c.distance)
            .Select(c => c.candidate)
            .FirstOrDefault();
        return suggestion is null
            ? $"unknown key (allowed: {string.Join(", ", allowed)})"
            : $"unknown key (did you mean {suggestion}?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
