using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Shape checks on single nodes: each returns null after reporting when the node is not what the schema wants.</summary>
internal static class YamlValues
{
    /// <summary>A non-empty scalar. <c>key:</c>, <c>~</c> and <c>null</c> count as a missing value, not as text.</summary>
    public static (string Value, YamlNode Node)? Scalar(PolicyReadContext context, YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            context.Error(node, path, $"expected a single value, found {Describe(node)}");
            return null;
        }

        if (IsNull(scalar))
        {
            context.Error(node, path, "has no value");
            return null;
        }

        return (scalar.Value!, node);
    }

    public static YamlMappingNode? Mapping(PolicyReadContext context, YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping) return mapping;
        context.Error(node, path, $"expected a mapping (key: value), found {Describe(node)}");
        return null;
    }

    public static YamlSequenceNode? Sequence(PolicyReadContext context, YamlNode node, string path)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        context.Error(node, path, $"expected a list, found {Describe(node)}");
        return null;
    }

    /// <summary>The entries of a list of names (<c>[a, b]</c>); a single name is accepted as a one-entry list.</summary>
    public static IReadOnlyList<(string Value, YamlNode Node, string Path)> Names(PolicyReadContext context, YamlNode node, string path)
    {
        if (node is YamlScalarNode && Scalar(context, node, path) is var (single, _)) return [(single, node, path)];
        if (node is not YamlSequenceNode sequence)
        {
            if (node is not YamlScalarNode) context.Error(node, path, $"expected a list, found {Describe(node)}");
            return [];
        }

        var names = new List<(string, YamlNode, string)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (Scalar(context, sequence.Children[i], itemPath) is var (value, itemNode)) names.Add((value, itemNode, itemPath));
        }

        return names;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Value is null
        || (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };
}
