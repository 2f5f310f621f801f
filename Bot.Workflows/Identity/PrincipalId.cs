namespace AccessBot.Workflows.Identity;

/// <summary>One person across chat platforms.</summary>
public readonly record struct PrincipalId(Guid Value)
{
    public override string ToString() => Value.ToString("D");
}
