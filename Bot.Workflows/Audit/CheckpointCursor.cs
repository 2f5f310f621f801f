namespace AccessBot.Workflows.Audit;

/// <summary>
/// Follows the accepted checkpoints along a walk in seq order and says whether a row's hash contradicts one of them.
/// Checkpoints cover disjoint ranges in the normal case, so at most one is active at a time; overlaps are still handled.
/// </summary>
internal sealed class CheckpointCursor
{
    private readonly Range[] _byStart;
    private readonly List<Range> _active = [];
    private int _next;

    private sealed record Range(SignedCheckpoint Checkpoint, byte[] Head);

    public CheckpointCursor(IEnumerable<SignedCheckpoint> accepted) =>
        _byStart = accepted.OrderBy(c => c.PreviousSeq).Select(c => new Range(c, Convert.FromHexString(c.HeadHash))).ToArray();

    /// <summary>The checkpoint whose record of row <paramref name="seq"/> differs from <paramref name="hash"/>, or null.</summary>
    public SignedCheckpoint? Contradiction(long seq, ReadOnlySpan<byte> hash)
    {
        while (_next < _byStart.Length && _byStart[_next].Checkpoint.PreviousSeq < seq) _active.Add(_byStart[_next++]);
        if (_active.Count == 0) return null;

        Span<byte> expected = stackalloc byte[SignedCheckpoint.PrefixHexLength / 2];
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var range = _active[i];
            var checkpoint = range.Checkpoint;
            if (checkpoint.Seq < seq)
            {
                _active.RemoveAt(i);
                continue;
            }
            var offset = (int)((seq - checkpoint.PreviousSeq - 1) * SignedCheckpoint.PrefixHexLength);
            Convert.FromHexString(checkpoint.RowHashPrefixes.AsSpan(offset, SignedCheckpoint.PrefixHexLength), expected, out _, out _);
            if (hash.Length < expected.Length || !hash[..expected.Length].SequenceEqual(expected)) return checkpoint;
            if (seq == checkpoint.Seq && !hash.SequenceEqual(range.Head)) return checkpoint;
        }
        return null;
    }
}
