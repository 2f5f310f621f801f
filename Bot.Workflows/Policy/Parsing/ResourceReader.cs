using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads one entry of <c>resources:</c> and checks its rules against each other and against groups and channels.</summary>
internal sealed class ResourceReader(PolicyReadContext context, PolicyReferences references)
{
    private static readonly string[] Keys =
    [
        "description", "default_duration", "max_duration", "reason_required", "sensitivity", "approval_channel",
        "pending_timeout", "steps", "auto_approve", "break_glass", "provisioner",
    ];

    private static readonly string[] AutoApproveKeys = ["requester_in", "max_duration"];
    private static readonly string[] BreakGlassKeys = ["allowed_for", "max_duration"];

    public ResourcePolicy? Read(string name, YamlNode keyNode, YamlNode value)
    {
        var path = $"resources.{name}";
        if (!PolicyNames.IsValid(name)) context.Error(keyNode, path, $"{PolicyReadContext.Quote(name)} is not a valid resource name: {PolicyNames.NameRule}");
        if (YamlValues.Mapping(context, value, path) is not { } mapping) return null;

        var fields = new YamlFields(context, mapping, path, Keys);
        var description = fields.String("description", required: true);
        var defaultDuration = fields.Duration("default_duration", required: true);
        var maxDuration = fields.Duration("max_duration", required: true);
        if (defaultDuration is { } d && maxDuration is { } m && m < d)
            fields.Report("max_duration", $"{DurationText.Format(m)} is shorter than default_duration {DurationText.Format(d)}");

        // Secure by default: a reason is asked for unless the file says otherwise.
        var reasonRequired = fields.Boolean("reason_required", required: false) ?? true;
        var sensitivity = ReadSensitivity(fields);
        var approvalChannel = ReadApprovalChannel(fields);
        var pendingTimeout = fields.Duration("pending_timeout", required: false);
        var steps = new StepsReader(context, references).Read(fields);
        var autoApprove = ReadAutoApprove(fields, maxDuration);
        var breakGlass = ReadBreakGlass(fields, maxDuration);
        if (!fields.Has("steps") && !fields.Has("auto_approve"))
            context.Error(mapping, fields.Child("steps"), "is required: a resource needs approval steps, auto_approve, or both");
        else if (steps is { Count: 0 } && !fields.Has("auto_approve"))
            context.Error(fields.Get("steps", false)!, fields.Child("steps"), "is empty and there is no auto_approve: nobody could ever approve a request");

        var provisioner = ProvisionerReader.Read(context, fields);
        if (description is null || defaultDuration is null || maxDuration is null || steps is null
            || sensitivity is null || provisioner is null)
            return null;

        return new ResourcePolicy(name, description.Trim(), defaultDuration.Value, maxDuration.Value, reasonRequired, steps,
            autoApprove, breakGlass, sensitivity.Value, provisioner, approvalChannel, pendingTimeout);
    }

    private static Sensitivity? ReadSensitivity(YamlFields fields)
    {
        if (!fields.Has("sensitivity")) return Sensitivity.Medium;
        if (fields.Scalar("sensitivity", required: false) is not var (text, _)) return null;

        // Lower-case words only: Enum.TryParse alone would also take numbers and "low,high".
        var word = text.Trim();
        if (word.Length > 0 && word.All(char.IsAsciiLetterLower) && Enum.TryParse<Sensitivity>(word, ignoreCase: true, out var value))
            return value;
        fields.Report("sensitivity", $"{PolicyReadContext.Quote(text)} is not a sensitivity (use low, medium, high or critical)");
        return null;
    }

    private string? ReadApprovalChannel(YamlFields fields)
    {
        if (fields.Scalar("approval_channel", required: false) is var (name, node))
            return references.Channel(name, node, fields.Child("approval_channel")) ? name : null;
        if (!fields.Has("approval_channel") && !references.Channels.ContainsKey(ChannelPolicy.Approvals))
            context.Error(fields.Node, fields.Child("approval_channel"), $"is required because no channel named {ChannelPolicy.Approvals} is defined");
        return null;
    }

    private AutoApproveRule? ReadAutoApprove(YamlFields resource, TimeSpan? resourceMax)
    {
        if (resource.Mapping("auto_approve", required: false) is not { } node) return null;
        var fields = new YamlFields(context, node, resource.Child("auto_approve"), AutoApproveKeys);
        var groups = fields.Get("requester_in", required: true) is { } list ? references.GroupList(list, fields.Child("requester_in")) : [];
        var max = fields.Duration("max_duration", required: false);
        if (max is { } m && resourceMax is { } r && m > r)
            fields.Report("max_duration", $"{DurationText.Format(m)} is longer than the resource's max_duration {DurationText.Format(r)}");
        return groups.Count > 0 ? new AutoApproveRule(groups, max) : null;
    }

    private BreakGlassRule? ReadBreakGlass(YamlFields resource, TimeSpan? resourceMax)
    {
        if (resource.Mapping("break_glass", required: false) is not { } node) return null;
        var fields = new YamlFields(context, node, resource.Child("break_glass"), BreakGlassKeys);
        var groups = fields.Get("allowed_for", required: true) is { } list ? references.GroupList(list, fields.Child("allowed_for")) : [];
        var max = fields.Duration("max_duration", required: true);
        if (max is { } m && resourceMax is { } r && m > r)
            fields.Report("max_duration", $"{DurationText.Format(m)} is longer than the resource's max_duration {DurationText.Format(r)}");

        // Break-glass tells the security channel at once; without one the loud path would be silent.
        if (!references.Channels.ContainsKey(ChannelPolicy.Security))
            context.Error(node, resource.Child("break_glass"), $"needs a channel named {ChannelPolicy.Security} to announce break-glass use");
        return groups.Count > 0 && max is not null ? new BreakGlassRule(groups, max.Value) : null;
    }
}
