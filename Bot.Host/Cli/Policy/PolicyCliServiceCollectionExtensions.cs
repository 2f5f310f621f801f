using AccessBot.Workflows.Policy;

namespace AccessBot.Host.Cli.Policy;

public static class PolicyCliServiceCollectionExtensions
{
    /// <summary>Registers <c>policy check</c>, and binds <see cref="PolicyOptions"/> so the verb finds the configured file.</summary>
    public static IServiceCollection AddPolicyVerbs(this IServiceCollection services)
    {
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section);
        return services.AddCliVerb<PolicyCheckVerb>();
    }
}
