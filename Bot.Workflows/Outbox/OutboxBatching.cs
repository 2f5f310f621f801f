using System.Globalization;
using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Outbox;

/// <summary>
/// Packs a transition's follow-up work into one outbox row per request. Every row costs a heap tuple and two index entries
/// on the hot path, and a transition typically writes two to four pieces of work for the same request.
/// </summary>
internal static class OutboxBatching
{
    /// <summary>One item per request stays as it is; several become one <see cref="OutboxKinds.Batch"/> item, in order.</summary>
    public static IReadOnlyList<OutboxItem> Pack(IReadOnlyList<OutboxItem> items)
    {
        if (items.Count < 2) return items;
        var packed = new List<OutboxItem>();
        foreach (var group in items.GroupBy(i => i.RequestId))
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                packed.Add(members[0]);
                continue;
            }
            if (members.Count > OutboxItemId.MaxItems)
                throw new InvalidOperationException($"One transition wrote {members.Count} outbox items for one request; at most {OutboxItemId.MaxItems} fit a row.");
            var array = new JsonArray();
            foreach (var item in members) array.Add(Entry(item));
            packed.Add(new OutboxItem(OutboxKinds.Batch, group.Key, new JsonObject { ["items"] = array }));
        }
        return packed;
    }

    /// <summary>
    /// A delay is kept as microseconds and counted from the row's created_at, which is the writing transaction's now(),
    /// the same instant a single row's run_at is computed from.
    /// </summary>
    private static JsonObject Entry(OutboxItem item)
    {
        var entry = new JsonObject { ["kind"] = item.Kind };
        if (item.Payload is not null) entry["payload"] = item.Payload.DeepClone();
        if (item.Delay is { } delay) entry["delay_us"] = delay.Ticks / TimeSpan.TicksPerMicrosecond;
        else if (item.RunAt is { } runAt) entry["run_at"] = runAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return entry;
    }
}
