using AccessBot.Host.Cli;
using AccessBot.Host.Cli.Verbs;
using AccessBot.Host.Configuration;
using AccessBot.Host.Health;
using AccessBot.Host.Jobs;
using AccessBot.Host.Notifications;
using AccessBot.Host.Persistence;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace AccessBot.Host;

/// <summary>The host's own wiring. Engine, policy, audit and adapters add theirs beside it in Program.cs.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Configuration (.env under real environment variables), logging, the database, Hangfire (its server only for
    /// <c>serve</c>), health checks, the host's CLI verbs and, when no chat platform is configured, the logging notifier.
    /// </summary>
    public static WebApplicationBuilder AddAccessBot(this WebApplicationBuilder builder, HostCommand command)
    {
        DefaultSettings.AddTo(builder.Configuration);
        var dotEnvPath = DotEnvLoader.DefaultPath();
        var dotEnvKeys = DotEnvLoader.LoadIntoEnvironment(dotEnvPath);
        if (dotEnvKeys.Count > 0) ((IConfigurationRoot)builder.Configuration).Reload();

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        if (!command.IsServe)
        {
            // Verbs own stdout (request submit's last line is the id); logs go to stderr, warnings and worse only.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        }

        // The adapters' own switches: Slack needs its signing secret and bot token, Teams its app id.
        // Teams' anonymous local mode (Development only, for the Agents Playground) posts to Teams too.
        var chatConfigured = (IsSet(builder.Configuration, "Slack:SigningSecret") && IsSet(builder.Configuration, "Slack:BotToken"))
            || IsSet(builder.Configuration, "Teams:AppId")
            || (builder.Environment.IsDevelopment() && bool.TryParse(builder.Configuration["Teams:AllowAnonymous"], out var anonymous) && anonymous);
        builder.Services.AddSingleton(new StartupFacts(dotEnvPath, dotEnvKeys, chatConfigured));
        builder.Services.AddHostedService<StartupReport>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAccessBotDatabase();
        builder.Services.AddAccessBotHangfire(runServer: command.IsServe);
        builder.Services.AddAccessBotHealthChecks();
        if (!chatConfigured) builder.Services.AddSingleton<IChatNotifier, LoggingChatNotifier>();

        builder.Services.AddCliVerb<ServeVerb>();
        builder.Services.AddCliVerb<MigrateVerb>();
        builder.Services.AddCliVerb<HelpVerb>();
        return builder;
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);

    /// <summary>Maps <c>/healthz</c> and the loopback-only Hangfire dashboard at <c>/hangfire</c>.</summary>
    public static WebApplication MapAccessBot(this WebApplication app)
    {
        app.MapAccessBotHealthChecks();
        app.MapAccessBotDashboard();
        return app;
    }
}
