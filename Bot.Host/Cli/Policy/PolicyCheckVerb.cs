using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Options;

namespace AccessBot.Host.Cli.Policy;

/// <summary>
/// <c>policy check [FILE]</c>: validates a policy file without starting anything, for CI and before a deploy.
/// Exit 0 when valid, 1 with every error when not, 2 when the file is missing or the usage is wrong.
/// </summary>
internal sealed class PolicyCheckVerb : ICliVerb
{
    private const int ShownVersionLength = 12;

    public string Name => "policy check";

    public string Usage => "[FILE]";

    public string Summary => "Validate a policy file (default: the configured AccessBot:PolicyFile) and list every error.";

    public Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error)) return Task.FromResult(ExitCodes.Usage);
        if (args.Positionals.Count > 1)
        {
            context.Error.WriteLine($"error: expected at most one file, got {args.Positionals.Count}; usage: policy check {Usage}");
            return Task.FromResult(ExitCodes.Usage);
        }

        var path = args.Positionals.Count == 1 ? args.Positionals[0] : ConfiguredPath(context.Services);
        if (!File.Exists(path))
        {
            context.Error.WriteLine($"error: policy file not found: {path}");
            return Task.FromResult(ExitCodes.Usage);
        }

        try
        {
            var policy = PolicyLoader.Load(path, ProvisionerKinds.Installed(context.Services));
            context.Out.WriteLine(
                $"OK: {policy.Resources.Count} resources, {policy.Groups.Count} groups (version {policy.Version[..ShownVersionLength]}…)");
            return Task.FromResult(ExitCodes.Success);
        }
        catch (PolicyValidationException e)
        {
            foreach (var error in e.Errors) context.Error.WriteLine(error.ToString());
            context.Error.WriteLine($"{e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}");
            return Task.FromResult(ExitCodes.Refused);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: cannot read {path}: {e.Message}");
            return Task.FromResult(ExitCodes.Usage);
        }
    }

    /// <summary>The same resolution the running host uses: configuration, relative to the content root.</summary>
    private static string ConfiguredPath(IServiceProvider services)
    {
        var options = services.GetService<IOptions<PolicyOptions>>()?.Value ?? new PolicyOptions();
        return options.ResolvePath(services.GetService<IHostEnvironment>()?.ContentRootPath);
    }
}
