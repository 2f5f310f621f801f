namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// Pending requests as this process last committed them, so that deciding one can start without reading it first.
/// </summary>
/// <remarks>
/// <para>
/// Safe because a decision never trusts the record on its own: its conditional update matches on (id, version, state),
/// and every change the engine makes to a request or its approvals raises the version, so the commit proves the record
/// was still current. A stale record loses that race and the decision starts again from a fresh read; a refusal is
/// never given from this cache (the decision reads the request again first). A change made by hand in the database
/// without raising the version is outside that guarantee, as it is outside the audit log.
/// </para>
/// <para>
/// Only pending requests are kept, at most <see cref="Capacity"/> of them: when the newer half is full it replaces the
/// older, so a request not touched for that long is read from the database again.
/// </para>
/// </remarks>
internal sealed class PendingRequestCache
{
    public const int Capacity = 4096;

    private readonly Lock _gate = new();
    private Dictionary<long, RequestRecord> _newer = [];
    private Dictionary<long, RequestRecord> _older = [];

    public RequestRecord? Find(RequestId id)
    {
        lock (_gate)
            return _newer.TryGetValue(id.Value, out var record) || _older.TryGetValue(id.Value, out record) ? record : null;
    }

    /// <summary>Keeps a record just committed (or read after its commit); one in any other state than pending is dropped.</summary>
    public void Remember(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _older.Remove(record.Id.Value);
            if (record.State != RequestState.Pending)
            {
                _newer.Remove(record.Id.Value);
                return;
            }
            if (_newer.Count >= Capacity / 2 && !_newer.ContainsKey(record.Id.Value))
            {
                _older = _newer;
                _newer = [];
            }
            _newer[record.Id.Value] = record;
        }
    }

    public void Forget(RequestId id)
    {
        lock (_gate)
        {
            _newer.Remove(id.Value);
            _older.Remove(id.Value);
        }
    }
}
