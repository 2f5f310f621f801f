using AccessBot.Workflows.Policy;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Drift;

/// <summary>How far the inventory could see into one resource's target.</summary>
public enum InventoryStatus
{
    /// <summary>The target was read; <see cref="ResourceInventory.Comparison"/> is set.</summary>
    Checked,

    /// <summary>The provisioner cannot report holders (manual, webhook without <c>check_url</c>).</summary>
    CannotTell,

    /// <summary>No provisioner of the resource's kind is registered.</summary>
    NoProvisioner,

    /// <summary>The target could not be read; <see cref="ResourceInventory.Problem"/> says why (no secrets).</summary>
    Unreadable,
}

/// <summary>One resource's holders in the target beside the engine's grants.</summary>
public sealed record ResourceInventory(
    string Resource, string Kind, string? Target, InventoryStatus Status, DriftComparison? Comparison, string? Problem)
{
    /// <summary>True when the target holds access without a grant, or a grant has no holder in the target.</summary>
    public bool HasDrift => Comparison is { } c && (c.Holders.Any(h => h.IsDrift) || c.Missing.Count > 0);
}

/// <summary>Who holds each resource right now according to its target, matched with the engine's active grants (read-only).</summary>
public sealed class DriftInventory(NpgsqlDataSource dataSource, IPolicyProvider policies, ProvisionerRegistry provisioners)
{
    /// <summary>Every resource of the policy, or only <paramref name="resource"/>; null when that resource is not in the policy.</summary>
    public async Task<IReadOnlyList<ResourceInventory>?> BuildAsync(string? resource, CancellationToken ct)
    {
        var policy = policies.Current;
        IEnumerable<ResourcePolicy> selected;
        if (resource is null) selected = policy.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal);
        else if (policy.FindResource(resource) is { } one) selected = [one];
        else return null;

        var list = new List<ResourceInventory>();
        foreach (var r in selected) list.Add(await InspectAsync(r, ct));
        return list;
    }

    private async Task<ResourceInventory> InspectAsync(ResourcePolicy resource, CancellationToken ct)
    {
        var kind = resource.Provisioner.Kind;
        var target = DriftSettings.Target(resource);
        if (!DriftSettings.CanTell(resource)) return new(resource.Name, kind, target, InventoryStatus.CannotTell, null, null);
        if (provisioners.Find(kind) is not { } provisioner) return new(resource.Name, kind, target, InventoryStatus.NoProvisioner, null, null);
        try
        {
            var holders = await provisioner.CheckAsync(resource, ct);
            var comparison = DriftComparison.Compare(holders, await EngineGrants.ActiveAsync(dataSource, resource.Name, ct),
                await EngineGrants.InFlightAsync(dataSource, resource.Name, ct));
            return new(resource.Name, kind, target, InventoryStatus.Checked, comparison, null);
        }
        catch (ProvisionerCheckException e)
        {
            return new(resource.Name, kind, target, InventoryStatus.Unreadable, null, e.Message);
        }
    }
}
