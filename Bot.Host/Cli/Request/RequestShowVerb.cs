using System.Globalization;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Policy;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request show</c>: one request with its steps, approvals, grant and audit trail.</summary>
internal sealed class RequestShowVerb : ICliVerb
{
    public string Name => "request show";

    public string Usage => "ID";

    public string Summary => "Show a request: state, steps, approvals, grant and audit trail.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error) || !RequestVerbSupport.TryId(args, context, out var id)) return ExitCodes.Usage;
        var queries = context.Services.GetRequiredService<IAccessRequestQueries>();
        if (await queries.GetAsync(id, ct) is not { } r) return RequestVerbSupport.NotFound(context, id);

        var o = context.Out;
        var safe = RequestVerbSupport.Safe;
        o.WriteLine($"request #{r.Id}");
        o.WriteLine($"  state:     {r.State.ToDb()}{(r.ClosedReason is { } why ? $" ({safe(why)})" : "")}");
        o.WriteLine($"  requester: {safe(r.Requester.Email)}");
        o.WriteLine($"  resource:  {safe(r.Resource)} ({r.Sensitivity})");
        o.WriteLine($"  duration:  {DurationText.Format(r.Duration)}");
        o.WriteLine($"  reason:    {safe(r.Reason)}");
        o.WriteLine($"  steps:     {(r.State == RequestState.Pending ? $"{r.CurrentStep} of {r.TotalSteps} ({safe(r.CurrentStepGroup ?? "?")})" : $"{r.TotalSteps}")}");
        o.WriteLine($"  flags:     {(r.BreakGlass ? "break-glass " : "")}{(r.AutoApproved ? "auto-approved " : "")}policy {r.PolicyVersion}");
        o.WriteLine($"  created:   {Time(r.CreatedAt)}  decided: {Time(r.DecidedAt)}");
        o.WriteLine($"  grant:     {(r.GrantedAt is null ? "none" : $"{Time(r.GrantedAt)} until {Time(r.ExpiresAt)}")}");
        o.WriteLine("  approvals:");
        foreach (var a in r.Approvals)
            o.WriteLine($"    step {a.Step}: {(a.Approved ? "approved" : "denied")} by {safe(a.Approver.Email)} via {safe(a.Platform)} at {Time(a.At)}{(a.Comment is { Length: > 0 } c ? $" — {safe(c)}" : "")}");
        o.WriteLine("  audit:");
        foreach (var e in await queries.AuditTrailAsync(id, ct))
            o.WriteLine($"    {e.Seq,6} {Time(e.At)} {safe(e.Action)} by {safe(e.Actor)} ({safe(e.Platform)})");
        return ExitCodes.Success;
    }

    private static string Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
