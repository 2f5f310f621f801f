using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads the root mapping. Groups and channels come first so that every reference to them can be checked in place.</summary>
internal static class PolicyDocumentReader
{
    private static readonly string[] RootKeys =
        ["defaults", "business_hours", "digest", "admin_group", "channels", "groups", "resources"];

    public static AccessPolicy? Read(PolicyReadContext context, YamlNode root, string version)
    {
        if (YamlValues.Mapping(context, root, "") is not { } mapping) return null;
        var fields = new YamlFields(context, mapping, "", RootKeys);

        var groups = GroupsReader.Read(context, fields.Mapping("groups", required: true));
        var channels = ChannelsReader.Read(context, fields.Mapping("channels", required: true));
        var references = new PolicyReferences(context, groups, channels);

        var defaults = ScheduleReader.ReadDefaults(context, fields.Mapping("defaults", required: false));
        var businessHours = ScheduleReader.ReadBusinessHours(context, fields.Mapping("business_hours", required: true));
        var digest = ScheduleReader.ReadDigest(context, fields.Mapping("digest", required: true), references);
        var adminGroup = fields.Scalar("admin_group", required: false) is var (name, node)
            ? references.Group(name, node, "admin_group")?.Name
            : null;
        var resources = ReadResources(context, fields.Mapping("resources", required: true), references);

        if (context.HasErrors || businessHours is null || digest is null) return null;
        return new AccessPolicy(version, context.File, resources, groups, channels, defaults, digest, businessHours, adminGroup);
    }

    private static Dictionary<string, ResourcePolicy> ReadResources(PolicyReadContext context, YamlMappingNode? node, PolicyReferences references)
    {
        var resources = new Dictionary<string, ResourcePolicy>(StringComparer.Ordinal);
        if (node is null) return resources;
        if (node.Children.Count == 0) context.Error(node, "resources", "defines no resources");

        var reader = new ResourceReader(context, references);
        foreach (var (keyNode, value) in node.Children)
        {
            if (YamlValues.Scalar(context, keyNode, "resources") is var (name, _) && reader.Read(name, keyNode, value) is { } resource)
                resources[name] = resource;
        }

        return resources;
    }
}
