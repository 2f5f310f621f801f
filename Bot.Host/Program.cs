using AccessBot.Host;
using AccessBot.Host.Cli;
using AccessBot.Host.Endpoints;
using AccessBot.Host.Persistence;

var command = HostCommand.Parse(args);
var builder = WebApplication.CreateBuilder([.. command.HostArgs]);
builder.AddAccessBot(command);
builder.Services.AddAccessBotComponents();

var app = builder.Build();
if (!command.IsServe) return await app.RunCliAsync(command);

// Migrations and Hangfire's schema first: the Hangfire server and the dashboard start on a current schema.
if (!await app.TryPrepareDatabaseAsync()) return 1;
app.RegisterRecurringJobs();
app.MapAccessBot();
app.MapSlack();
app.MapTeams();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
