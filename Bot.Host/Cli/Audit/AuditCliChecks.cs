namespace AccessBot.Host.Cli.Audit;

/// <summary>Argument checks shared by the audit verbs.</summary>
internal static class AuditCliChecks
{
    public static bool NoPositionals(CliArguments args, TextWriter error)
    {
        foreach (var word in args.Positionals) error.WriteLine($"error: unexpected argument '{word}'");
        return args.Positionals.Count == 0;
    }

    /// <summary>The option's value when given (it must then have one), else <paramref name="fallback"/>.</summary>
    public static bool TryOptionalPath(CliArguments args, string name, string fallback, TextWriter error, out string path)
    {
        path = fallback;
        if (!args.Has(name)) return true;
        var value = args.Option(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            error.WriteLine($"error: --{name} needs a value");
            return false;
        }
        path = value;
        return true;
    }
}
