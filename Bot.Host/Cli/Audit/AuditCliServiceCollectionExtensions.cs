namespace AccessBot.Host.Cli.Audit;

public static class AuditCliServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>audit verify</c>, <c>audit export</c> and <c>audit checkpoint</c>. They need
    /// <c>AddAuditLog()</c> (Bot.Workflows) and an <see cref="Npgsql.NpgsqlDataSource"/>.
    /// </summary>
    public static IServiceCollection AddAuditVerbs(this IServiceCollection services) =>
        services.AddCliVerb<AuditVerifyVerb>().AddCliVerb<AuditExportVerb>().AddCliVerb<AuditCheckpointVerb>();
}
