using System.Text;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// Cuts a long text into messages no longer than a limit, at blank lines where possible, then at line ends, and only as
/// a last resort inside a line. Every part after the first starts with a "(continued, part k/n)" line.
/// </summary>
public static class MessageSplitter
{
    // Room for the continuation line and its newline.
    private const int HeaderRoom = 40;

    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, HeaderRoom * 4);
        if (text.Length <= maxLength) return [text];

        var budget = maxLength - HeaderRoom;
        var bodies = new List<string>();
        var current = new StringBuilder();
        foreach (var block in text.TrimEnd('\n').Split("\n\n"))
        {
            var firstOfBlock = true;
            foreach (var piece in block.Length <= budget ? [block] : Lines(block, budget))
            {
                var separator = current.Length == 0 ? "" : firstOfBlock ? "\n\n" : "\n";
                if (current.Length > 0 && current.Length + separator.Length + piece.Length > budget)
                {
                    bodies.Add(current.ToString());
                    current.Clear();
                    separator = "";
                }
                current.Append(separator).Append(piece);
                firstOfBlock = false;
            }
        }
        if (current.Length > 0) bodies.Add(current.ToString());

        return [.. bodies.Select((body, i) =>
            (i == 0 ? "" : $"(continued, part {i + 1}/{bodies.Count})\n") + body.TrimEnd('\n') + "\n")];
    }

    /// <summary>Groups of whole lines within the budget; a line longer than the budget is cut (never inside a surrogate pair).</summary>
    private static IEnumerable<string> Lines(string block, int budget)
    {
        var group = new StringBuilder();
        foreach (var line in block.Split('\n'))
        {
            var rest = line;
            while (rest.Length > budget)
            {
                var cut = char.IsHighSurrogate(rest[budget - 1]) ? budget - 1 : budget;
                if (group.Length > 0)
                {
                    yield return group.ToString();
                    group.Clear();
                }
                yield return rest[..cut];
                rest = rest[cut..];
            }
            if (group.Length > 0 && group.Length + 1 + rest.Length > budget)
            {
                yield return group.ToString();
                group.Clear();
            }
            if (group.Length > 0) group.Append('\n');
            group.Append(rest);
        }
        if (group.Length > 0) yield return group.ToString();
    }
}
