using System.Text.Json;

namespace AccessBot.Tests.Fakes.Teams;

/// <summary>One request the bot made to the fake connector. <see cref="RawTarget"/> is the path as sent (still escaped).</summary>
public sealed record ConnectorCall(string Method, string RawTarget, string? Authorization, JsonElement? Body)
{
    public string Kind => (Method, RawTarget) switch
    {
        ("POST", "/v3/conversations") => "create",
        ("PUT", _) => "update",
        ("GET", _) => "member",
        ("POST", var t) when t.EndsWith("/activities", StringComparison.Ordinal) => "send",
        ("POST", _) => "reply",
        _ => "other",
    };
}

/// <summary>A canned failure for the next connector call.</summary>
public sealed record ConnectorFailure(int Status, string? RetryAfterSeconds = null, string? SubCode = null);
