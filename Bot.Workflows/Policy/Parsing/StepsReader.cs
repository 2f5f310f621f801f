using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads a resource's <c>steps:</c>, the approval chain in order.</summary>
internal sealed class StepsReader(PolicyReadContext context, PolicyReferences references)
{
    private static readonly string[] Keys = ["group", "approvals", "escalate_after", "escalate_to"];

    /// <summary>Empty when the resource has no <c>steps:</c>; null when the list itself is malformed.</summary>
    public List<ApprovalStep>? Read(YamlFields resource)
    {
        if (!resource.Has("steps")) return [];
        if (resource.Sequence("steps", required: false) is not { } list) return null;

        var steps = new List<ApprovalStep>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"{resource.Child("steps")}[{i}]";
            if (YamlValues.Mapping(context, list.Children[i], path) is { } mapping && ReadStep(new YamlFields(context, mapping, path, Keys)) is { } step)
                steps.Add(step);
        }

        return steps;
    }

    private ApprovalStep? ReadStep(YamlFields fields)
    {
        var group = fields.Scalar("group", required: true) is var (name, node) ? references.Group(name, node, fields.Child("group")) : null;
        var approvals = fields.Integer("approvals", required: false, minimum: 1);
        if (approvals is { } needed && group is { Members.Count: > 0 } && needed > group.Members.Count)
            fields.Report("approvals", $"needs {needed} approvals but group {group.Name} has only {group.Members.Count} member{(group.Members.Count == 1 ? "" : "s")}");

        var escalateAfter = fields.Duration("escalate_after", required: false);
        var escalateTo = fields.Scalar("escalate_to", required: false) is var (target, targetNode)
            ? references.Group(target, targetNode, fields.Child("escalate_to"))?.Name
            : null;

        // One without the other would either never fire or fire with nobody to tell.
        if (fields.Has("escalate_to") && !fields.Has("escalate_after"))
            fields.Report("escalate_after", "is required with escalate_to");
        if (fields.Has("escalate_after") && !fields.Has("escalate_to"))
            fields.Report("escalate_to", "is required with escalate_after");

        var approvalsOk = approvals is not null || !fields.Has("approvals");
        return group is null || !approvalsOk ? null : new ApprovalStep(group.Name, approvals ?? 1, escalateAfter, escalateTo);
    }
}
