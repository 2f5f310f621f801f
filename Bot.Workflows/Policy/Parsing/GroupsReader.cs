using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads <c>groups:</c>, a mapping from group name to its list of members.</summary>
internal static class GroupsReader
{
    public static Dictionary<string, GroupPolicy> Read(PolicyReadContext context, YamlMappingNode? groups)
    {
        var result = new Dictionary<string, GroupPolicy>(StringComparer.Ordinal);
        if (groups is null) return result;

        foreach (var (keyNode, value) in groups.Children)
        {
            if (YamlValues.Scalar(context, keyNode, "groups") is not var (name, _)) continue;
            var path = $"groups.{name}";
            if (!PolicyNames.IsValid(name)) context.Error(keyNode, path, $"{PolicyReadContext.Quote(name)} is not a valid group name: {PolicyNames.NameRule}");

            // Kept even when empty or partly wrong, so references to it do not repeat the problem as "unknown group".
            result[name] = new GroupPolicy(name, ReadMembers(context, value, path));
        }

        return result;
    }

    private static List<MemberRef> ReadMembers(PolicyReadContext context, YamlNode value, string path)
    {
        if (YamlValues.Sequence(context, value, path) is not { } list) return [];
        if (list.Children.Count == 0)
        {
            context.Error(value, path, "has no members; a group must list at least one person");
            return [];
        }

        var members = new List<MemberRef>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (YamlValues.Scalar(context, list.Children[i], itemPath) is not var (text, node)) continue;
            if (MemberText.TryParse(text.Trim(), out var error) is not { } member)
            {
                context.Error(node, itemPath, error!);
                continue;
            }

            // A duplicate would inflate the member count that "approvals" is checked against.
            if (members.Any(m => m.Kind == member.Kind && string.Equals(m.Value, member.Value, StringComparison.OrdinalIgnoreCase)))
            {
                context.Error(node, itemPath, $"{PolicyReadContext.Quote(text)} is listed twice");
                continue;
            }

            members.Add(member);
        }

        return members;
    }
}
