using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>How AccessBot finds the person's database login.</summary>
public enum PostgresLoginMode
{
    /// <summary>The login already exists under the <see cref="PostgresLoginName"/> rule; AccessBot only grants the role.</summary>
    Existing,

    /// <summary>AccessBot creates the login on first grant, enables it on every grant and disables it when no grant is left.</summary>
    PerUser,
}

/// <summary>
/// The <c>provisioner:</c> settings of a <c>postgres</c> resource:
/// <c>target</c> (required: a name under <c>AccessBot:Targets</c>), <c>role</c> (required), <c>login</c>
/// (<c>existing</c> by default, or <c>per-user</c>) and <c>terminate_sessions</c> (<c>true</c> by default).
/// </summary>
public sealed record PostgresSettings(string Target, string Role, PostgresLoginMode Login, bool TerminateSessions)
{
    public static bool TryParse(
        IReadOnlyDictionary<string, string> settings,
        [NotNullWhen(true)] out PostgresSettings? parsed,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        parsed = null;
        error = null;

        var target = settings.GetValueOrDefault("target")?.Trim();
        if (string.IsNullOrEmpty(target))
        {
            error = "postgres provisioner: setting 'target' is required (a name under AccessBot:Targets).";
            return false;
        }

        var role = settings.GetValueOrDefault("role");
        if (string.IsNullOrEmpty(role) || role.Contains('\0', StringComparison.Ordinal)
            || Encoding.UTF8.GetByteCount(role) > PostgresLoginName.MaxBytes)
        {
            error = $"postgres provisioner: setting 'role' is required and must be 1 to {PostgresLoginName.MaxBytes} bytes without NUL.";
            return false;
        }

        PostgresLoginMode login;
        switch (settings.GetValueOrDefault("login")?.Trim().ToLowerInvariant())
        {
            case null or "" or "existing": login = PostgresLoginMode.Existing; break;
            case "per-user" or "per_user": login = PostgresLoginMode.PerUser; break;
            default:
                error = "postgres provisioner: setting 'login' must be 'existing' or 'per-user'.";
                return false;
        }

        var terminate = true;
        var terminateText = settings.GetValueOrDefault("terminate_sessions")?.Trim();
        if (!string.IsNullOrEmpty(terminateText) && !bool.TryParse(terminateText, out terminate))
        {
            error = "postgres provisioner: setting 'terminate_sessions' must be true or false.";
            return false;
        }

        parsed = new PostgresSettings(target, role, login, terminate);
        return true;
    }
}
