using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Provisioning.Drift;

/// <summary>What the drift check may do on a resource, read from its <c>provisioner:</c> settings.</summary>
public static class DriftSettings
{
    /// <summary>The setting key: <c>drift: report</c> (default) or <c>drift: revoke</c>.</summary>
    public const string Key = "drift";

    /// <summary>True when <c>drift: revoke</c>: shadow access attributed to an email is revoked through the provisioner.</summary>
    public static bool Revokes(ResourcePolicy resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return string.Equals(resource.Provisioner.Settings.GetValueOrDefault(Key)?.Trim(), "revoke", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether the resource's provisioner can report holders at all. <c>manual</c> never can, a <c>webhook</c> only with a
    /// <c>check_url</c>; for those an empty answer means "cannot tell", not "nobody holds it".
    /// </summary>
    public static bool CanTell(ResourcePolicy resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Provisioner.Kind.ToLowerInvariant() switch
        {
            ManualProvisioner.KindName => false,
            "webhook" => !string.IsNullOrWhiteSpace(resource.Provisioner.Settings.GetValueOrDefault("check_url")),
            _ => true,
        };
    }

    /// <summary>The target name shown by the inventory (the <c>target</c> setting where the provisioner has one).</summary>
    public static string? Target(ResourcePolicy resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Provisioner.Settings.GetValueOrDefault("target")
            ?? resource.Provisioner.Settings.GetValueOrDefault("check_url");
    }
}
