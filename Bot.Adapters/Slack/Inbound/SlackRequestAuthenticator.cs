using AccessBot.Adapters.Slack.Security;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Slack.Inbound;

/// <summary>
/// The gate every inbound Slack request passes before anything reads it. A rejection is a security log line only: no
/// audit event, because unauthenticated traffic must not be able to grow (or contend on) the tamper-evident audit chain.
/// The log line names the endpoint, the reason and the remote address, never the body or any header value.
/// </summary>
public sealed class SlackRequestAuthenticator(SlackSignatureVerifier verifier, ILogger<SlackRequestAuthenticator> logger)
{
    public bool IsAuthentic(SlackInboundRequest request)
    {
        if (request.Body.Length > SlackInboundRequest.MaxBodyBytes)
        {
            Log.BodyTooLarge(logger, request.Endpoint, SlackInboundRequest.MaxBodyBytes, request.RemoteAddress);
            return false;
        }
        var check = verifier.Check(request.Timestamp, request.Signature, request.Body);
        if (check == SignatureCheck.Valid) return true;
        Log.SignatureRejected(logger, request.Endpoint, check, request.RemoteAddress);
        return false;
    }

    public void ReportTooLarge(string endpoint, string? remoteAddress) =>
        Log.BodyTooLarge(logger, endpoint, SlackInboundRequest.MaxBodyBytes, remoteAddress);
}
