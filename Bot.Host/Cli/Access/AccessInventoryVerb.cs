using System.Globalization;
using AccessBot.Host.Cli.Request;
using AccessBot.Workflows.Provisioning.Drift;

namespace AccessBot.Host.Cli.Access;

/// <summary>
/// <c>access inventory</c>: who holds each resource in its target right now, beside the engine's grants. Exit 1 when any
/// drift is shown (access without a grant, or a grant the target does not report) or a target could not be read, so a
/// script gating on it never takes "could not look" for "clean".
/// </summary>
internal sealed class AccessInventoryVerb : ICliVerb
{
    public string Name => "access inventory";

    public string Usage => "[--resource R]";

    public string Summary => "List who holds each resource in its target, with the matching grant; exit 1 on drift or an unreadable target.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "resource") || !RequestVerbSupport.TryNoPositionals(args, context)) return ExitCodes.Usage;
        var resource = args.Option("resource");
        if (resource is not null && string.IsNullOrWhiteSpace(resource))
        {
            context.Error.WriteLine("error: --resource needs a resource name");
            return ExitCodes.Usage;
        }
        var inventory = await context.Services.GetRequiredService<DriftInventory>().BuildAsync(resource?.Trim(), ct);
        if (inventory is null)
        {
            context.Error.WriteLine($"error: resource '{RequestVerbSupport.Safe(resource!)}' is not in the policy");
            return ExitCodes.Usage;
        }

        foreach (var entry in inventory) Print(entry, context.Out);
        if (inventory.Count == 0) context.Out.WriteLine("no resources in the policy");
        return inventory.Any(i => i.HasDrift || i.Status == InventoryStatus.Unreadable) ? ExitCodes.Refused : ExitCodes.Success;
    }

    private static void Print(ResourceInventory entry, TextWriter output)
    {
        var target = entry.Target is { } t ? $", target {RequestVerbSupport.Safe(t)}" : "";
        output.WriteLine($"{RequestVerbSupport.Safe(entry.Resource)} ({RequestVerbSupport.Safe(entry.Kind)}{target})");
        switch (entry.Status)
        {
            case InventoryStatus.CannotTell:
                output.WriteLine("  the provisioner cannot tell who holds it");
                return;
            case InventoryStatus.NoProvisioner:
                output.WriteLine("  no provisioner of this kind is registered");
                return;
            case InventoryStatus.Unreadable:
                output.WriteLine($"  target could not be read: {RequestVerbSupport.Safe(entry.Problem ?? "unknown reason")}");
                return;
        }

        var comparison = entry.Comparison!;
        foreach (var holder in comparison.Holders)
        {
            var who = RequestVerbSupport.Safe(holder.Holder.Subject) +
                      (holder.Holder.Email is { } email ? $" <{RequestVerbSupport.Safe(email)}>" : " <no email>");
            var grant = holder.Grant is { } g ? $"request #{g.RequestId}, expires {Instant(g.ExpiresAt)}"
                : holder.InFlight is { } f ? $"no active grant yet: request #{f.RequestId} {f.Why}"
                : "no grant: drift";
            output.WriteLine($"  {who}: {grant}");
        }
        foreach (var missing in comparison.Missing)
        {
            output.WriteLine($"  {RequestVerbSupport.Safe(missing.Email)}: request #{missing.RequestId}, expires {Instant(missing.ExpiresAt)}: " +
                             "granted in engine, missing in target");
        }
        if (comparison.Holders.Count == 0 && comparison.Missing.Count == 0) output.WriteLine("  nobody holds it");
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
