namespace AccessBot.Host;

/// <summary>What the start-up log should say about configuration, without values: which .env keys applied, which chat platforms are on.</summary>
internal sealed record StartupFacts(string DotEnvPath, IReadOnlyList<string> DotEnvKeys, bool ChatAdapterConfigured);

/// <summary>Logs <see cref="StartupFacts"/> when the web host starts.</summary>
internal sealed class StartupReport(StartupFacts facts, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (facts.DotEnvKeys.Count > 0) Log.DotEnvLoaded(logger, facts.DotEnvKeys.Count, facts.DotEnvPath, string.Join(", ", facts.DotEnvKeys));
        if (!facts.ChatAdapterConfigured) Log.NoChatAdapter(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
