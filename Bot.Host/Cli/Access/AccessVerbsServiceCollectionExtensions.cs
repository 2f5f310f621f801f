namespace AccessBot.Host.Cli.Access;

public static class AccessVerbsServiceCollectionExtensions
{
    /// <summary>Registers the <c>access …</c> verbs (inventory). They need the engine (<c>AddWorkflows</c>) and the provisioners.</summary>
    public static IServiceCollection AddAccessVerbs(this IServiceCollection services) => services
        .AddCliVerb<AccessInventoryVerb>();
}
