namespace AccessBot.Host.Cli;

public static class CliServiceCollectionExtensions
{
    /// <summary>Registers a verb; the dispatcher finds it by <see cref="ICliVerb.Name"/>.</summary>
    public static IServiceCollection AddCliVerb<TVerb>(this IServiceCollection services) where TVerb : class, ICliVerb =>
        services.AddSingleton<ICliVerb, TVerb>();
}
