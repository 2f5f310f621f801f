namespace AccessBot.Host.Cli;

/// <summary>
/// One command-line verb of the host (<c>audit verify</c>, <c>request approve</c>…). Verbs run inside the host's
/// service provider (same engine, same rules as chat) but without the web server or the Hangfire server.
/// </summary>
/// <remarks>Exit codes: <see cref="ExitCodes"/>.</remarks>
public interface ICliVerb
{
    /// <summary>The words that select the verb, e.g. "request approve".</summary>
    string Name { get; }

    /// <summary>One line: arguments and options, e.g. "ID --as EMAIL".</summary>
    string Usage { get; }

    /// <summary>One sentence for the help listing.</summary>
    string Summary { get; }

    Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct);
}

/// <summary>Where a verb writes, and the services it may use.</summary>
public sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error);

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Refused by a rule (the message says which), or a check failed (e.g. audit verify found damage).</summary>
    public const int Refused = 1;
    /// <summary>Bad usage: unknown verb, missing or malformed argument.</summary>
    public const int Usage = 2;
}
