using System.ComponentModel.DataAnnotations;

namespace AccessBot.Workflows.Audit;

/// <summary>Where the checkpoint signing key and the checkpoints live (section <c>AccessBot:Audit</c>).</summary>
/// <remarks>
/// Both belong on storage the database (and its administrators) cannot write: that separation is what makes a
/// checkpoint evidence against a rewritten log. Relative paths are resolved against the working directory.
/// </remarks>
public sealed class AuditOptions
{
    public const string Section = "AccessBot:Audit";

    /// <summary>PEM (PKCS#8) ECDSA P-256 private key; generated with mode 0600 on first use.</summary>
    [Required]
    public string SigningKeyPath { get; set; } = ".local/audit-signing-key.pem";

    /// <summary>The matching public key; default: beside the signing key, <c>.pub.pem</c> instead of <c>.pem</c>.</summary>
    public string? PublicKeyPath { get; set; }

    /// <summary>One JSON file per checkpoint, named by seq, never overwritten.</summary>
    [Required]
    public string CheckpointFolder { get; set; } = ".local/audit-checkpoints";

    public string ResolvedPublicKeyPath => string.IsNullOrWhiteSpace(PublicKeyPath) ? PublicKeyBeside(SigningKeyPath) : PublicKeyPath;

    public static string PublicKeyBeside(string signingKeyPath) =>
        (signingKeyPath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) ? signingKeyPath[..^4] : signingKeyPath) + ".pub.pem";
}
