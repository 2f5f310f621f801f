using System.Text;
using System.Text.RegularExpressions;

namespace AccessBot.Host.Configuration;

/// <summary>
/// Reads a <c>.env</c> file: <c>KEY=VALUE</c> lines, blank lines and <c>#</c> comments, an optional <c>export </c> prefix,
/// values bare (trimmed, a <c> #</c> starts a comment), in single quotes (taken literally) or in double quotes
/// (<c>\n</c>, <c>\"</c>, <c>\\</c> escapes). Keys are shell-safe names, so <c>run.sh</c> reads the same file the same way.
/// </summary>
public static partial class DotEnvFile
{
    /// <summary>The entries in file order; a later duplicate replaces an earlier one.</summary>
    /// <exception cref="FormatException">A line is malformed. The message names the line number and, when known, the key, never a value.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..].TrimStart();

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($".env line {i + 1}: expected KEY=VALUE.");
            var key = line[..eq].TrimEnd();
            if (!KeyPattern().IsMatch(key))
                throw new FormatException($".env line {i + 1}: '{key}' is not a valid key (letters, digits and underscores; not starting with a digit).");
            entries[key] = ParseValue(line[(eq + 1)..].TrimStart(), i + 1, key);
        }
        return [.. entries];
    }

    private static string ParseValue(string raw, int lineNumber, string key)
    {
        if (raw.Length == 0) return "";
        return raw[0] switch
        {
            '\'' => Quoted(raw, '\'', lineNumber, key),
            '"' => Quoted(raw, '"', lineNumber, key),
            _ => Bare(raw),
        };
    }

    private static string Bare(string raw)
    {
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).TrimEnd();
    }

    private static string Quoted(string raw, char quote, int lineNumber, string key)
    {
        var value = new StringBuilder();
        for (var i = 1; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == quote)
            {
                var rest = raw[(i + 1)..].TrimStart();
                if (rest.Length > 0 && rest[0] != '#')
                    throw new FormatException($".env line {lineNumber}: unexpected text after the closing quote of {key}.");
                return value.ToString();
            }
            if (quote == '"' && c == '\\' && i + 1 < raw.Length)
            {
                var next = raw[++i];
                value.Append(next switch { 'n' => '\n', 't' => '\t', _ => next });
                continue;
            }
            value.Append(c);
        }
        throw new FormatException($".env line {lineNumber}: the value of {key} has no closing quote (values span one line).");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
