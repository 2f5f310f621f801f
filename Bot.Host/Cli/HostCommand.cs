namespace AccessBot.Host.Cli;

/// <summary>
/// What the process was started to do: <c>serve</c> (the default, also when the first argument is an option such as
/// <c>--urls</c>) runs the web host with the remaining arguments; anything else is a CLI verb run by the dispatcher.
/// </summary>
public sealed record HostCommand(bool IsServe, IReadOnlyList<string> HostArgs, IReadOnlyList<string> VerbArgs)
{
    public const string ServeVerbName = "serve";

    public static HostCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] is "--help" or "-h") return new(false, [], ["help"]);
        if (args.Count == 0 || args[0].StartsWith('-')) return new(true, args, []);
        if (args[0] == ServeVerbName) return new(true, args.Skip(1).ToList(), []);
        // Verb words never reach the host's command-line configuration: "--as bob" is the verb's, not a setting.
        return new(false, [], args);
    }
}
