using Npgsql;

namespace AccessBot.Host.Cli;

/// <summary>Runs one CLI verb inside the built (never started) host: no Kestrel, no Hangfire server, no hosted services.</summary>
public static class CliRunner
{
    public static async Task<int> RunCliAsync(this WebApplication app, HostCommand command)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CliRunner).FullName!);
        var verbName = string.Join(' ', command.VerbArgs.TakeWhile(a => !a.StartsWith('-')).Take(2));
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var dispatcher = new CliDispatcher(scope.ServiceProvider.GetServices<ICliVerb>());
            var code = await dispatcher.DispatchAsync(command.VerbArgs, scope.ServiceProvider, Console.Out, Console.Error, cancel.Token);
            Log.VerbFinished(logger, verbName, code);
            return code;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await Console.Error.WriteLineAsync(
                "error: the database is not migrated. Run `Bot.Host/run.sh migrate` (or start the bot once), then try again.");
            Log.VerbFailed(logger, verbName, e);
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("error: cancelled");
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException or IOException or TimeoutException or FormatException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            Log.VerbFailed(logger, verbName, e);
            return ExitCodes.Refused;
        }
        finally
        {
            await Console.Out.FlushAsync(CancellationToken.None);
        }
    }
}
