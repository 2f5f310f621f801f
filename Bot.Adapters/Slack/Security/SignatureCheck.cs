namespace AccessBot.Adapters.Slack.Security;

/// <summary>Why a request was (not) accepted. The reason goes to the security log only, never to the caller.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    Stale,
    FromTheFuture,
    BadFormat,
    Mismatch,
}
