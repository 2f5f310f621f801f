namespace AccessBot.Workflows.Provisioning;

/// <summary>
/// <see cref="IProvisioner.CheckAsync"/> could not read the target (misconfigured, unreachable, refused). Distinct from an
/// empty answer, so a drift sweep never mistakes "could not look" for "nobody holds it". The message holds no secrets.
/// </summary>
public sealed class ProvisionerCheckException : Exception
{
    public ProvisionerCheckException()
    {
    }

    public ProvisionerCheckException(string message)
        : base(message)
    {
    }

    public ProvisionerCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
