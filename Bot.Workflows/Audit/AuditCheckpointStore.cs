using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// The checkpoint folder: one JSON file per checkpoint named by its seq (<c>0000000000000123.json</c>), created once and
/// never overwritten.
/// </summary>
public sealed class AuditCheckpointStore(string folder)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // hex, digits and base64 only: keep '+' readable
    };

    public string Folder { get; } = Path.GetFullPath(folder);

    public string PathFor(long seq) => Path.Combine(Folder, seq.ToString("D16", CultureInfo.InvariantCulture) + ".json");

    /// <summary>Writes a new file; <see cref="IOException"/> when one for that seq already exists.</summary>
    public async Task<string> WriteAsync(SignedCheckpoint checkpoint, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var path = PathFor(checkpoint.Seq);
        await using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write });
        await JsonSerializer.SerializeAsync(stream, checkpoint.ToJson(), Indented, ct);
        await stream.FlushAsync(ct);
        stream.Flush(flushToDisk: true);
        return path;
    }

    /// <summary>Every checkpoint file in the folder; files that cannot be read as checkpoints are returned as rejected.</summary>
    public async Task<(IReadOnlyList<SignedCheckpoint> Checkpoints, IReadOnlyList<RejectedCheckpoint> Unreadable)> ReadAllAsync(
        CancellationToken ct)
    {
        var checkpoints = new List<SignedCheckpoint>();
        var unreadable = new List<RejectedCheckpoint>();
        foreach (var path in Files())
        {
            try
            {
                checkpoints.Add(await ReadAsync(path, ct));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or IOException)
            {
                unreadable.Add(new RejectedCheckpoint(SeqFromName(path), path, $"unreadable: {e.Message}"));
            }
        }
        return (checkpoints, unreadable);
    }

    /// <summary>The checkpoint with the highest seq that <paramref name="key"/> vouches for, or null.</summary>
    public async Task<SignedCheckpoint?> LatestTrustedAsync(AuditPublicKey key, CancellationToken ct)
    {
        foreach (var path in Files().OrderDescending(StringComparer.Ordinal))
        {
            try
            {
                var checkpoint = await ReadAsync(path, ct);
                if (key.Check(checkpoint) is null) return checkpoint;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or IOException)
            {
                // Not a usable checkpoint; verification reports it. Look further back.
            }
        }
        return null;
    }

    public static async Task<SignedCheckpoint> ReadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var json = await JsonNode.ParseAsync(stream, cancellationToken: ct) as JsonObject
            ?? throw new InvalidDataException("not a JSON object");
        var format = Text(json, "format");
        if (format != SignedCheckpoint.Format) throw new InvalidDataException($"unknown format '{format}'");
        return new SignedCheckpoint(
            Number(json, "seq"),
            Text(json, "headHash"),
            Number(json, "previousSeq"),
            Text(json, "rowHashPrefixes"),
            DateTimeOffset.Parse(Text(json, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Text(json, "keyId"),
            Text(json, "signature"),
            path);
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.json").Where(p => Path.GetFileNameWithoutExtension(p).All(char.IsAsciiDigit))
            : [];

    private static long SeqFromName(string path) =>
        long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;

    private static string Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new InvalidDataException($"'{name}' is missing");

    private static long Number(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : throw new InvalidDataException($"'{name}' is missing");
}
