using System.Security.Cryptography;

namespace AccessBot.Workflows.Audit;

/// <summary>The public half of the checkpoint signing key: all that verification needs.</summary>
public sealed class AuditPublicKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditPublicKey(ECDsa key)
    {
        _key = key;
        KeyId = ComputeKeyId(key);
    }

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo (DER), lowercase hex; checkpoints name their key by it.</summary>
    public string KeyId { get; }

    public static AuditPublicKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException("The audit public key is not a PEM-encoded EC public key.", e);
        }
        return new AuditPublicKey(key);
    }

    public static AuditPublicKey Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The audit public key {path} does not exist (it is written beside the signing key on the first checkpoint).", path);
        return FromPem(File.ReadAllText(path));
    }

    /// <summary>Null when the checkpoint is well formed and signed by this key; otherwise the reason it is not.</summary>
    public string? Check(SignedCheckpoint checkpoint)
    {
        if (checkpoint.ShapeError() is { } shape) return $"malformed: {shape}";
        if (!string.Equals(checkpoint.KeyId, KeyId, StringComparison.Ordinal))
            return $"signed by key {checkpoint.KeyId}, not by the trusted key {KeyId}";
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(checkpoint.Signature);
        }
        catch (FormatException)
        {
            return "the signature is not base64";
        }
        return _key.VerifyData(checkpoint.SignedPayload(), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? null
            : "the signature does not verify: the checkpoint was altered or forged";
    }

    internal static string ComputeKeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    public void Dispose() => _key.Dispose();
}
