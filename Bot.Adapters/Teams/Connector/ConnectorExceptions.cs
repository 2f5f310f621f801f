using System.Net;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>A connector call failed. Its message names the status and the connector's error code, never a token.</summary>
public class ConnectorException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string? Code { get; } = code;
}

/// <summary>429, 412, 502 or 504: retry later with back-off, not before <see cref="RetryAfter"/> when the service named it.</summary>
public sealed class ConnectorTransientException(HttpStatusCode status, string? code, TimeSpan? retryAfter)
    : ConnectorException(status, code, $"Bot Connector is throttling or unavailable ({(int)status} {code}); retry later."),
      AccessBot.Workflows.Jobs.IRetryAfter
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>403: the user blocked or uninstalled the bot (or it was removed from the conversation). Retrying will not help.</summary>
public sealed class ConnectorForbiddenException(string? code, string? subCode)
    : ConnectorException(HttpStatusCode.Forbidden, code, $"Bot Connector refused the conversation (403 {code} {subCode}).")
{
    public string? SubCode { get; } = subCode;
}

/// <summary>The bot refused to send to a service URL that no validated activity ever carried (its token would leak there).</summary>
public sealed class UntrustedServiceUrlException(string serviceUrl)
    : Exception($"Refusing to call service URL '{serviceUrl}': no validated Teams activity came from it.");
