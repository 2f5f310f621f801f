using System.Net.Sockets;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>
/// Turns a driver exception into a <see cref="ProvisionResult.Failed"/> whose reason names the operation, the target and the
/// SqlState only: Npgsql's own messages can quote host names, so they never reach a result.
/// </summary>
internal static class PostgresFailures
{
    /// <summary>What the provisioner treats as an expected failure rather than a bug.</summary>
    public static bool IsExpected(Exception e, CancellationToken ct) =>
        e is NpgsqlException or TimeoutException or SocketException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    public static ProvisionResult.Failed From(Exception e, string operation, string target)
    {
        if (e is PostgresException pg)
        {
            return pg.SqlState switch
            {
                PostgresErrorCodes.InsufficientPrivilege => Permanent(
                    $"{operation} on target '{target}': permission denied (SqlState {pg.SqlState}); " +
                    "the AccessBot login lacks a privilege the README lists."),
                PostgresErrorCodes.UndefinedObject => Permanent(
                    $"{operation} on target '{target}': a role does not exist (SqlState {pg.SqlState})."),
                PostgresErrorCodes.InvalidCatalogName => Permanent(
                    $"{operation} on target '{target}': the configured database does not exist (SqlState {pg.SqlState})."),
                PostgresErrorCodes.InvalidGrantOperation or PostgresErrorCodes.InvalidParameterValue
                    or PostgresErrorCodes.ReservedName or PostgresErrorCodes.InvalidName => Permanent(
                    $"{operation} on target '{target}': PostgreSQL refused the statement (SqlState {pg.SqlState})."),
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => Transient(
                    $"{operation} on target '{target}': AccessBot could not log in to the target (SqlState {pg.SqlState})."),
                _ => Transient($"{operation} on target '{target}': the target reported an error (SqlState {pg.SqlState})."),
            };
        }
        if (e is TimeoutException or OperationCanceledException || e.InnerException is TimeoutException)
            return Transient($"{operation} on target '{target}': timed out.");
        return Transient($"{operation} on target '{target}': could not reach the target database.");
    }

    /// <summary>The SqlState for logs, or null when the failure did not come from the server.</summary>
    public static string? SqlState(Exception e) => (e as PostgresException)?.SqlState;

    private static ProvisionResult.Failed Permanent(string reason) => new(reason, Permanent: true);

    private static ProvisionResult.Failed Transient(string reason) => new(reason, Permanent: false);
}
