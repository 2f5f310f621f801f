namespace AccessBot.Workflows.Outbox;

/// <summary>
/// Names one piece of work inside an outbox row. A transition's follow-up work for one request is stored as one row (a
/// <see cref="OutboxKinds.Batch"/> of items); each item is addressed as row id + (item index &lt;&lt; 48), so the first item, and
/// every single-item row, keeps the row's own id.
/// </summary>
/// <remarks>
/// The id is what a notification job carries and what the chat adapters de-duplicate by, so it must stay apart from the
/// alert (bit 61) and digest (bit 62) notification ids: 48 bits of row id and 13 bits of index stay below bit 61.
/// </remarks>
public static class OutboxItemId
{
    public const int IndexShift = 48;

    /// <summary>The most items one row may hold.</summary>
    public const int MaxItems = 1 << 13;

    private const long RowMask = (1L << IndexShift) - 1;

    public static long Compose(long rowId, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowId, RowMask);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxItems);
        return ((long)index << IndexShift) | rowId;
    }

    public static long RowOf(long itemId) => itemId & RowMask;

    public static int IndexOf(long itemId) => (int)((ulong)itemId >> IndexShift);
}
