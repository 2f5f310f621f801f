namespace AccessBot.Host.Cli;

/// <summary>The verb listing printed by <c>help</c> and after an unknown verb.</summary>
public static class CliHelp
{
    public static void Write(IEnumerable<ICliVerb> verbs, TextWriter writer)
    {
        var list = verbs.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        writer.WriteLine("usage: Bot.Host/run.sh [VERB [ARGUMENTS…]]   (no verb: serve)");
        writer.WriteLine();
        var width = list.Count == 0 ? 0 : list.Max(v => Signature(v).Length);
        foreach (var verb in list)
        {
            writer.WriteLine($"  {Signature(verb).PadRight(width)}  {verb.Summary}");
        }
        writer.WriteLine();
        writer.WriteLine("Exit codes: 0 done, 1 refused or check failed, 2 bad usage.");
    }

    public static string Signature(ICliVerb verb) => string.IsNullOrEmpty(verb.Usage) ? verb.Name : $"{verb.Name} {verb.Usage}";
}
