namespace AccessBot.Workflows.Policy;

/// <summary>Gives the policy in force. Reloads swap the instance atomically; callers read <see cref="Current"/> once per command.</summary>
public interface IPolicyProvider
{
    AccessPolicy Current { get; }
}
