using System.Diagnostics.CodeAnalysis;

namespace AccessBot.Host.Cli;

/// <summary>
/// The words after a verb's name: positionals and <c>--name value</c> options (also <c>--name=value</c>; a
/// <c>--flag</c> followed by another option or nothing is a boolean). Unknown options are a usage error, reported by
/// <see cref="EnsureOnly"/>.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public CliArguments(IEnumerable<string> words)
    {
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var word = list[i];
            if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            {
                var name = word[2..];
                string? value = null;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = list[++i];
                }
                _options[name] = value;
            }
            else
            {
                _positionals.Add(word);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Option(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public bool TryRequire(string name, [NotNullWhen(true)] out string? value, TextWriter error)
    {
        value = Option(name);
        if (!string.IsNullOrWhiteSpace(value)) return true;
        error.WriteLine($"error: --{name} is required");
        return false;
    }

    /// <summary>False (and a message) when an option outside <paramref name="allowed"/> was given.</summary>
    public bool EnsureOnly(TextWriter error, params string[] allowed)
    {
        var unknown = _options.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToList();
        foreach (var name in unknown) error.WriteLine($"error: unknown option --{name}");
        return unknown.Count == 0;
    }
}
