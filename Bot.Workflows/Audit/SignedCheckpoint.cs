using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// A signed statement, kept outside the database, that the audit chain had <paramref name="HeadHash"/> at
/// <paramref name="Seq"/>. It also lists the first 8 bytes of every row hash since the previous checkpoint, so a chain
/// rewritten consistently after the fact is caught and located to the exact first rewritten row.
/// </summary>
/// <param name="Seq">The head's sequence number when the checkpoint was taken.</param>
/// <param name="HeadHash">The head row's hash, 64 lowercase hex digits.</param>
/// <param name="PreviousSeq">The previous checkpoint's seq (0 for the first): the rows listed are PreviousSeq+1..Seq.</param>
/// <param name="RowHashPrefixes">For each of those rows in order, the first 8 bytes of its hash as 16 lowercase hex digits, concatenated.</param>
/// <param name="CreatedAt">When it was signed (UTC).</param>
/// <param name="KeyId">SHA-256 of the signing key's SubjectPublicKeyInfo (DER), lowercase hex.</param>
/// <param name="Signature">ECDSA P-256 / SHA-256, DER-encoded, base64, over <see cref="SignedPayload"/>.</param>
/// <param name="Source">Where it was read from (a file path), for messages; not signed.</param>
public sealed record SignedCheckpoint(
    long Seq,
    string HeadHash,
    long PreviousSeq,
    string RowHashPrefixes,
    DateTimeOffset CreatedAt,
    string KeyId,
    string Signature,
    string? Source = null)
{
    public const string Format = "accessbot-audit-checkpoint/1";

    /// <summary>Hex digits per row in <see cref="RowHashPrefixes"/>.</summary>
    public const int PrefixHexLength = 16;

    /// <summary>Round-trip UTC form with all seven fraction digits, so the signed text is reproduced exactly.</summary>
    public string CreatedAtText => FormatTime(CreatedAt);

    /// <summary>
    /// The bytes the signature covers: the canonical JSON (sorted keys, no whitespace) of every member of the file except
    /// <c>signature</c>. An auditor reproduces them with <c>jq -cSj 'del(.signature)'</c>.
    /// </summary>
    public byte[] SignedPayload() => Encoding.UTF8.GetBytes(AuditCanonicalForm.CanonicalJson(PayloadObject()));

    /// <summary>The file's JSON object, signature included.</summary>
    public JsonObject ToJson()
    {
        var json = PayloadObject();
        json["signature"] = Signature;
        return json;
    }

    /// <summary>Null when the shape is sound; otherwise why not (checked before the signature).</summary>
    public string? ShapeError()
    {
        if (Seq < 1 || PreviousSeq < 0 || PreviousSeq >= Seq) return $"seq {Seq} / previousSeq {PreviousSeq} are not a valid range";
        if (!IsLowerHex(HeadHash, AuditCanonicalForm.HashLength * 2)) return "headHash is not 64 lowercase hex digits";
        if ((Seq - PreviousSeq) * PrefixHexLength != RowHashPrefixes.Length || !IsLowerHex(RowHashPrefixes, RowHashPrefixes.Length))
            return $"rowHashPrefixes does not hold {Seq - PreviousSeq} row prefixes";
        return null;
    }

    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private JsonObject PayloadObject() => new()
    {
        ["format"] = Format,
        ["seq"] = Seq,
        ["headHash"] = HeadHash,
        ["previousSeq"] = PreviousSeq,
        ["rowHashPrefixes"] = RowHashPrefixes,
        ["createdAt"] = CreatedAtText,
        ["keyId"] = KeyId,
    };

    private static bool IsLowerHex(string text, int length) =>
        text.Length == length && text.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
}
