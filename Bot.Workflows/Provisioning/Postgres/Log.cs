using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Provisioning.Postgres;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Granted role {Role} to login {Login} on target {Target} for request {RequestId}")]
    public static partial void Granted(ILogger logger, string role, string login, string target, long requestId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Revoked role {Role} from login {Login} on target {Target} for request {RequestId}; {Terminated} session(s) terminated")]
    public static partial void Revoked(ILogger logger, string role, string login, string target, long requestId, int terminated);

    // The exception object is deliberately not logged: Npgsql's messages can carry host names.
    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "{Operation} on target {Target} failed: {ExceptionType} SqlState={SqlState} permanent={Permanent}")]
    public static partial void Failed(ILogger logger, string operation, string target, string exceptionType, string? sqlState, bool permanent);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "Revoke of role {Role} from login {Login} on target {Target} is incomplete: {Reason}")]
    public static partial void RevokeIncomplete(ILogger logger, string role, string login, string target, string reason);
}
