using AccessBot.Workflows.Digest;

namespace AccessBot.Tests.Workflows.Digest;

public sealed class MessageSplitterTests
{
    private static readonly string Long = string.Join("\n\n", Enumerable.Range(1, 30).Select(s =>
        $"Section {s}\n" + string.Join("\n", Enumerable.Range(1, 6).Select(l => $"• line {l} of section {s} " + new string('x', 20)))));

    [Fact]
    public void A_text_within_the_limit_is_one_message()
    {
        Assert.Equal(["short\n"], MessageSplitter.Split("short\n", 1000));
    }

    [Fact]
    public void A_long_text_is_cut_between_sections_and_every_part_fits()
    {
        var parts = MessageSplitter.Split(Long, 1000);

        Assert.True(parts.Count > 3);
        Assert.All(parts, p => Assert.True(p.Length <= 1000, $"part of {p.Length} characters"));
        Assert.All(parts.Skip(1), p => Assert.Matches(@"^\(continued, part \d+/\d+\)\nSection \d+\n", p));
    }

    [Fact]
    public void No_line_is_lost_or_reordered()
    {
        var parts = MessageSplitter.Split(Long, 1000);

        var lines = parts.SelectMany(p => p.Split('\n'))
            .Where(l => l.Length > 0 && !l.StartsWith("(continued", StringComparison.Ordinal));
        Assert.Equal(Long.Split('\n').Where(l => l.Length > 0), lines);
    }

    [Fact]
    public void A_section_longer_than_the_limit_is_cut_at_line_ends()
    {
        var section = string.Join("\n", Enumerable.Range(1, 100).Select(i => $"• row {i:D3} " + new string('y', 30)));

        var parts = MessageSplitter.Split(section, 1000);

        Assert.All(parts, p => Assert.True(p.Length <= 1000));
        var rows = parts.SelectMany(p => p.Split('\n')).Where(l => l.StartsWith('•')).ToList();
        Assert.Equal(100, rows.Count);
        Assert.All(rows, l => Assert.Matches(@"^• row \d{3} y{30}$", l));
    }

    [Fact]
    public void A_single_overlong_line_is_cut_without_splitting_a_surrogate_pair()
    {
        var line = string.Concat(Enumerable.Repeat("ab😀", 800));

        var parts = MessageSplitter.Split(line, 1000);

        Assert.All(parts, p => Assert.True(p.Length <= 1000));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p.TrimEnd('\n')[^1])));
        Assert.Equal(line, string.Concat(parts.Select(Body)));
    }

    private static string Body(string part)
    {
        var text = part.TrimEnd('\n');
        return text.StartsWith("(continued", StringComparison.Ordinal) ? text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..] : text;
    }
}
