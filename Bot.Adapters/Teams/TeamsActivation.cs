using AccessBot.Adapters.Teams.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Teams;

/// <summary>Whether Teams is in use here: an app id is configured, or anonymous local mode is allowed.</summary>
public sealed class TeamsActivation(IOptions<TeamsOptions> options, IHostEnvironment environment)
{
    public bool IsActive => !options.Value.IsAnonymous || BotTokenValidator.IsAnonymousAllowed(options.Value, environment);
}
