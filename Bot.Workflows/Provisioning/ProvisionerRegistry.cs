namespace AccessBot.Workflows.Provisioning;

/// <summary>The registered <see cref="IProvisioner"/>s by <see cref="IProvisioner.Kind"/> (case-insensitive); later registrations win.</summary>
public sealed class ProvisionerRegistry(IEnumerable<IProvisioner> provisioners)
{
    private readonly Dictionary<string, IProvisioner> _byKind = provisioners
        .GroupBy(p => p.Kind, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    public IProvisioner? Find(string kind) => _byKind.GetValueOrDefault(kind);
}
