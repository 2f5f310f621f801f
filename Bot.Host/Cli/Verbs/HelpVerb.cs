using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Host.Cli.Verbs;

/// <summary><c>help</c>: lists every verb with its usage and summary.</summary>
internal sealed class HelpVerb : ICliVerb
{
    public string Name => "help";
    public string Usage => "";
    public string Summary => "List the verbs.";

    public Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        CliHelp.Write(context.Services.GetServices<ICliVerb>(), context.Out);
        return Task.FromResult(ExitCodes.Success);
    }
}
