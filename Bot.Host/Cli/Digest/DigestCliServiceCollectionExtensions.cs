using AccessBot.Workflows.Digest;

namespace AccessBot.Host.Cli.Digest;

public static class DigestCliServiceCollectionExtensions
{
    /// <summary>Registers <c>digest preview</c> and <c>digest send</c> (and the digest services they use).</summary>
    public static IServiceCollection AddDigestVerbs(this IServiceCollection services)
    {
        services.AddDigest();
        services.AddCliVerb<DigestPreviewVerb>();
        services.AddCliVerb<DigestSendVerb>();
        return services;
    }
}
