namespace AccessBot.Host.Cli.Verbs;

/// <summary>
/// <c>serve</c>: listed for help only. <see cref="HostCommand"/> routes "serve" (and no verb) to the web host before
/// the dispatcher runs, so reaching this means the host was built for the CLI by mistake.
/// </summary>
internal sealed class ServeVerb : ICliVerb
{
    public string Name => HostCommand.ServeVerbName;
    public string Usage => "[--urls URLS]";
    public string Summary => "Run the bot: web endpoints, Hangfire server and dashboard (the default when no verb is given).";

    public Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        context.Error.WriteLine("error: serve must be the first word of the command line");
        return Task.FromResult(ExitCodes.Usage);
    }
}
