using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Workflows.Outbox;

/// <summary>One piece of follow-up work written in the same transaction as the state change that causes it.</summary>
/// <param name="Kind">One of <see cref="OutboxKinds"/>.</param>
/// <param name="Delay">Run this long after the transaction's database time (now()); null with null <paramref name="RunAt"/> runs at once.</param>
/// <param name="RunAt">Run at this instant (a time read from the database, such as <c>expires_at</c>).</param>
public sealed record OutboxItem(string Kind, RequestId? RequestId, JsonObject? Payload = null, TimeSpan? Delay = null, DateTimeOffset? RunAt = null);
