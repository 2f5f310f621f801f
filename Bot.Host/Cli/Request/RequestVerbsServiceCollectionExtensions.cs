using AccessBot.Adapters.Rendering;

namespace AccessBot.Host.Cli.Request;

public static class RequestVerbsServiceCollectionExtensions
{
    /// <summary>Registers the <c>request …</c> verbs (submit, approve, deny, cancel, revoke, release, extend, break-glass,
    /// provisioned, retry, list, show). They need the engine (<c>AddWorkflows</c>) in the same container; the refusal
    /// texts they print come from <c>templates/cli/</c>, so the template renderer is registered too.</summary>
    public static IServiceCollection AddRequestVerbs(this IServiceCollection services) => services
        .AddTemplates()
        .AddCliVerb<RequestSubmitVerb>()
        .AddCliVerb<RequestApproveVerb>()
        .AddCliVerb<RequestDenyVerb>()
        .AddCliVerb<RequestCancelVerb>()
        .AddCliVerb<RequestRevokeVerb>()
        .AddCliVerb<RequestReleaseVerb>()
        .AddCliVerb<RequestExtendVerb>()
        .AddCliVerb<RequestBreakGlassVerb>()
        .AddCliVerb<RequestProvisionedVerb>()
        .AddCliVerb<RequestRetryVerb>()
        .AddCliVerb<RequestListVerb>()
        .AddCliVerb<RequestShowVerb>();
}
