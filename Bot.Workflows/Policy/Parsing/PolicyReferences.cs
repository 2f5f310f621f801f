using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Checks names that refer to the file's groups and channels, once those are read.</summary>
internal sealed class PolicyReferences(
    PolicyReadContext context,
    IReadOnlyDictionary<string, GroupPolicy> groups,
    IReadOnlyDictionary<string, ChannelPolicy> channels)
{
    public IReadOnlyDictionary<string, GroupPolicy> Groups => groups;

    public IReadOnlyDictionary<string, ChannelPolicy> Channels => channels;

    public GroupPolicy? Group(string name, YamlNode node, string path)
    {
        if (groups.TryGetValue(name, out var group)) return group;
        context.Error(node, path, $"unknown group {PolicyReadContext.Quote(name)}{Known(groups.Keys, "groups")}");
        return null;
    }

    public bool Channel(string name, YamlNode node, string path)
    {
        if (channels.ContainsKey(name)) return true;
        context.Error(node, path, $"unknown channel {PolicyReadContext.Quote(name)}{Known(channels.Keys, "channels")}");
        return false;
    }

    /// <summary>Reads a group name, or a list of them, and checks each.</summary>
    public IReadOnlyList<string> GroupList(YamlNode node, string path)
    {
        var names = YamlValues.Names(context, node, path);
        if (names.Count == 0 && node is YamlSequenceNode) context.Error(node, path, "lists no groups");
        return [.. names.Where(n => Group(n.Value, n.Node, n.Path) is not null).Select(n => n.Value)];
    }

    private static string Known(IEnumerable<string> names, string section)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? $" (no {section} are defined)" : $" (defined under {section}: {string.Join(", ", list)})";
    }
}
