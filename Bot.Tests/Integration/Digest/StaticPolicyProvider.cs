using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Integration.Digest;

internal sealed class StaticPolicyProvider(AccessPolicy policy) : IPolicyProvider
{
    public AccessPolicy Current { get; } = policy;
}
