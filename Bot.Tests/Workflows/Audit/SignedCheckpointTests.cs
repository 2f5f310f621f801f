using AccessBot.Workflows.Audit;

namespace AccessBot.Tests.Workflows.Audit;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignedCheckpointTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("audit-key-");

    private SignedCheckpoint Sign(AuditSigningKey key, long seq = 3)
    {
        var unsigned = new SignedCheckpoint(seq, new string('a', 64), 0, new string('b', 16 * (int)seq),
            new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567), key.KeyId, "");
        return unsigned with { Signature = key.Sign(unsigned.SignedPayload()) };
    }

    private AuditSigningKey Key(string name) =>
        AuditSigningKey.LoadOrCreate(Path.Combine(_folder.FullName, name + ".pem"), Path.Combine(_folder.FullName, name + ".pub.pem"));

    [Fact]
    public async Task A_checkpoint_survives_the_round_trip_through_its_file_and_still_verifies()
    {
        using var key = Key("k");
        using var publicKey = AuditPublicKey.Load(Path.Combine(_folder.FullName, "k.pub.pem"));
        var store = new AuditCheckpointStore(Path.Combine(_folder.FullName, "cp"));

        var path = await store.WriteAsync(Sign(key), CancellationToken.None);
        var read = await AuditCheckpointStore.ReadAsync(path, CancellationToken.None);

        Assert.Null(publicKey.Check(read));
        Assert.Equal(Sign(key).CreatedAt, read.CreatedAt);
    }

    [Fact]
    public void Changing_any_signed_field_breaks_the_signature()
    {
        using var key = Key("k");
        using var publicKey = AuditPublicKey.FromPem(key.PublicKeyPem());
        var genuine = Sign(key);

        Assert.Null(publicKey.Check(genuine));
        Assert.Contains("does not verify", publicKey.Check(genuine with { HeadHash = new string('c', 64) }), StringComparison.Ordinal);
        Assert.Contains("does not verify", publicKey.Check(genuine with { CreatedAt = genuine.CreatedAt.AddSeconds(1) }), StringComparison.Ordinal);
        Assert.Contains("does not verify", publicKey.Check(genuine with { RowHashPrefixes = new string('c', 48) }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_is_refused()
    {
        using var trusted = Key("trusted");
        using var other = Key("other");
        using var publicKey = AuditPublicKey.FromPem(trusted.PublicKeyPem());

        Assert.Contains("not by the trusted key", publicKey.Check(Sign(other)), StringComparison.Ordinal);
        Assert.Contains("does not verify", publicKey.Check(Sign(other) with { KeyId = trusted.KeyId }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_checkpoint_is_refused_before_its_signature_is_checked()
    {
        using var key = Key("k");
        using var publicKey = AuditPublicKey.FromPem(key.PublicKeyPem());

        Assert.StartsWith("malformed", publicKey.Check(Sign(key) with { RowHashPrefixes = "abc" }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_file_of_another_key_is_refused_at_load()
    {
        using (Key("first"))
        {
        }
        File.Copy(Path.Combine(_folder.FullName, "first.pub.pem"), Path.Combine(_folder.FullName, "second.pub.pem"));

        var error = Assert.Throws<InvalidOperationException>(() => Key("second"));

        Assert.Contains("does not belong to the signing key", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
