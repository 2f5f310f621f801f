using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Audit;

/// <summary>One stored row of <c>audit_events</c>, as verification and export read it.</summary>
public sealed record AuditEvent(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string Platform,
    string Action,
    long? RequestId,
    string? Resource,
    JsonObject Details,
    string? Permalink,
    byte[] PrevHash,
    byte[] Hash);
