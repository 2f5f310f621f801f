using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AccessBot.Workflows.Notifications;

/// <summary>
/// Typed facts for a notification that says more than "the request changed": a task for a person, a failure, a sealed
/// audit checkpoint. The engine composes no sentence; each chat adapter renders one from its template
/// <c>{platform}/notices/{name}.sbn</c>, escaping every string for its own markup. Stored as JSON in the outbox row.
/// </summary>
/// <remarks>Guaranteed: no member holds a secret. Strings are raw (never escaped); some are user-supplied (emails, resources).</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ManualTask), "manual_task")]
[JsonDerivedType(typeof(ProvisioningFailed), "provisioning_failed")]
[JsonDerivedType(typeof(ExpiredNotRevoked), "expired_not_revoked")]
[JsonDerivedType(typeof(CheckpointWritten), "checkpoint_written")]
[JsonDerivedType(typeof(CheckpointRefused), "checkpoint_refused")]
public abstract record Notice
{
    /// <summary>The template's file name (without extension) under <c>{platform}/notices/</c>; the JSON discriminator too.</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    // jsonb stores keys in its own order, so the discriminator is not necessarily first when a row is read back.
    private static readonly JsonSerializerOptions ReadOptions = new() { AllowOutOfOrderMetadataProperties = true };

    /// <summary>Reads a notice stored by <see cref="Outbox.OutboxWriter"/>; throws <see cref="JsonException"/> for an unknown kind.</summary>
    public static Notice? FromJson(JsonNode? node) => node?.Deserialize<Notice>(ReadOptions);
}

/// <summary>What a person must do by hand in the target system.</summary>
public enum ManualStep
{
    /// <summary>Grant the access, then confirm it (<c>request provisioned</c>).</summary>
    Grant,
    /// <summary>Remove the access: the grant has ended.</summary>
    Remove,
    /// <summary>The request was revoked before the grant was confirmed: do not grant, and remove it if it was granted.</summary>
    DoNotGrant,
}

/// <param name="Instructions">The resource's own <c>instructions</c> setting from the policy file (operator text), if any.</param>
public sealed record ManualTask(ManualStep Step, long RequestId, string Resource, string Email, string? Instructions = null) : Notice
{
    public override string Name => "manual_task";
}

/// <summary>Provisioning failed after its retries: the access was not granted.</summary>
public sealed record ProvisioningFailed(long RequestId, string Resource) : Notice
{
    public override string Name => "provisioning_failed";
}

/// <summary>The grant expired but no provisioner could revoke it: a person must remove the access.</summary>
public sealed record ExpiredNotRevoked(long RequestId, string Resource) : Notice
{
    public override string Name => "expired_not_revoked";
}

/// <summary>The audit log was sealed up to <see cref="Seq"/>: a copy of the head hash in chat is one more witness.</summary>
/// <param name="SealedAt">The checkpoint's own timestamp text (ISO 8601, UTC).</param>
/// <param name="KeyId">The signing key's id (lowercase hex; templates may shorten it).</param>
public sealed record CheckpointWritten(long Seq, string SealedAt, string HeadHash, string KeyId) : Notice
{
    public override string Name => "checkpoint_written";
}

/// <summary>The checkpointer found the audit chain damaged at <see cref="Seq"/> and signed nothing.</summary>
/// <param name="Damage">The kind of damage (an <c>AuditDamageKind</c> name).</param>
public sealed record CheckpointRefused(long Seq, string Damage) : Notice
{
    public override string Name => "checkpoint_refused";
}
