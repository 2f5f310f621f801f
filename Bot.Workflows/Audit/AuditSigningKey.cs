using System.Security.Cryptography;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints. It lives in a file only the bot's OS user can read (mode 0600) and never
/// reaches the database. Generated on first use, with its public key written beside it for verifiers.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key)
    {
        _key = key;
        KeyId = AuditPublicKey.ComputeKeyId(key);
    }

    public string KeyId { get; }

    /// <summary>Loads the key, creating it (and the public key file) when absent. Refuses a key file others can read.</summary>
    public static AuditSigningKey LoadOrCreate(string privateKeyPath, string publicKeyPath)
    {
        var fullPath = Path.GetFullPath(privateKeyPath);
        if (!File.Exists(fullPath)) TryCreate(fullPath);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(fullPath) & GroupOrOther) != 0)
            throw new InvalidOperationException(
                $"The audit signing key {fullPath} is accessible to other users; restrict it with 'chmod 600' first.");

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(fullPath));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The audit signing key {fullPath} is not a PEM-encoded EC private key.", e);
        }
        var signingKey = new AuditSigningKey(key);
        signingKey.EnsurePublicKeyFile(Path.GetFullPath(publicKeyPath));
        return signingKey;
    }

    /// <summary>Base64 of the DER-encoded ECDSA signature over SHA-256 of <paramref name="payload"/> (what openssl verifies).</summary>
    public string Sign(byte[] payload) =>
        Convert.ToBase64String(_key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public string PublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    private static void TryCreate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
        }
    }

    private void EnsurePublicKeyFile(string path)
    {
        if (File.Exists(path))
        {
            using var existing = AuditPublicKey.Load(path);
            if (existing.KeyId != KeyId)
                throw new InvalidOperationException(
                    $"The public key {path} (key id {existing.KeyId}) does not belong to the signing key (key id {KeyId}).");
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var writer = new StreamWriter(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write });
            writer.Write(PublicKeyPem());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Written concurrently by another process from the same key.
        }
    }

    public void Dispose() => _key.Dispose();
}
