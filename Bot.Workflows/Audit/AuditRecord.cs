using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;

namespace AccessBot.Workflows.Audit;

/// <summary>What a caller hands the audit log; sequence number, time and hashes are the log's business.</summary>
/// <param name="Action">Dotted verb, e.g. <c>request.submitted</c>, <c>request.approved</c>, <c>grant.revoked</c>.</param>
/// <param name="Details">Small JSON object of facts. Values are strings, integers or booleans (or nested objects/arrays of them);
/// never secrets.</param>
public sealed record AuditRecord(
    Actor Actor,
    string Action,
    RequestId? RequestId,
    string? Resource,
    JsonObject? Details = null);
