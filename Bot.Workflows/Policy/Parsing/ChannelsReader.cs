using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Reads <c>channels:</c>, a mapping from channel name to one address per platform.</summary>
internal static class ChannelsReader
{
    public static Dictionary<string, ChannelPolicy> Read(PolicyReadContext context, YamlMappingNode? channels)
    {
        var result = new Dictionary<string, ChannelPolicy>(StringComparer.Ordinal);
        if (channels is null) return result;

        foreach (var (keyNode, value) in channels.Children)
        {
            if (YamlValues.Scalar(context, keyNode, "channels") is not var (name, _)) continue;
            var path = $"channels.{name}";
            if (!PolicyNames.IsValid(name)) context.Error(keyNode, path, $"{PolicyReadContext.Quote(name)} is not a valid channel name: {PolicyNames.NameRule}");
            if (YamlValues.Mapping(context, value, path) is not { } mapping) continue;

            var fields = new YamlFields(context, mapping, path, PolicyNames.Platforms.Keys);
            var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var platform in PolicyNames.Platforms.Keys)
            {
                if (fields.String(platform, required: false) is { } address) addresses[platform] = address.Trim();
            }

            if (mapping.Children.Count == 0)
                context.Error(value, path, $"has no platform address (give {PolicyNames.PlatformList})");

            // Kept even when its entries are wrong, so references to it do not repeat the same problem as "unknown channel".
            result[name] = new ChannelPolicy(name, addresses);
        }

        return result;
    }
}
