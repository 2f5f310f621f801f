namespace AccessBot.Host.Cli;

/// <summary>Picks the verb whose name matches the most leading words of the arguments and runs it.</summary>
public sealed class CliDispatcher(IEnumerable<ICliVerb> verbs)
{
    private readonly IReadOnlyList<ICliVerb> _verbs = verbs.ToList();

    /// <summary>The verb with the longest name that prefixes <paramref name="args"/>, and the words after it; null when none does.</summary>
    public CliMatch? Match(IReadOnlyList<string> args)
    {
        ICliVerb? best = null;
        var bestLength = 0;
        foreach (var verb in _verbs)
        {
            var words = verb.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length <= bestLength || words.Length > args.Count) continue;
            if (words.Select((w, i) => string.Equals(w, args[i], StringComparison.Ordinal)).All(x => x))
            {
                best = verb;
                bestLength = words.Length;
            }
        }
        return best is null ? null : new CliMatch(best, args.Skip(bestLength).ToList());
    }

    /// <summary>Runs the matching verb and returns its exit code; an unknown verb prints the listing to the error writer and returns 2.</summary>
    public async Task<int> DispatchAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (Match(args) is not { } match)
        {
            error.WriteLine(args.Count == 0 ? "error: no verb given" : $"error: unknown verb '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'");
            CliHelp.Write(_verbs, error);
            return ExitCodes.Usage;
        }
        var (verb, rest) = (match.Verb, match.Words);
        if (rest.Contains("--help"))
        {
            output.WriteLine($"usage: {CliHelp.Signature(verb)}");
            output.WriteLine(verb.Summary);
            return ExitCodes.Success;
        }
        return await verb.RunAsync(new CliArguments(rest), new CliContext(services, output, error), ct);
    }
}

/// <summary>A verb chosen by <see cref="CliDispatcher.Match"/> and the words left for it.</summary>
public sealed record CliMatch(ICliVerb Verb, IReadOnlyList<string> Words);
