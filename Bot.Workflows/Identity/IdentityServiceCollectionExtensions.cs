using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Workflows.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Declares where a platform's user ids are stored; refuses a column the data model does not have.</summary>
    public static IServiceCollection AddIdentityColumn(this IServiceCollection services, string platform, string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        if (!IdentityColumn.Known.Contains(column))
            throw new ArgumentException($"'{column}' is not an identity column of principals.", nameof(column));
        return services.AddSingleton(new IdentityColumn(platform, column));
    }
}
