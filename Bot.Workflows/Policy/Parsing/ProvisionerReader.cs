using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>
/// Reads a resource's <c>provisioner:</c>: <c>kind</c> selects the implementation, every other key is a setting passed
/// to it unchanged (each provisioner checks its own settings).
/// </summary>
internal static class ProvisionerReader
{
    private const string KindKey = "kind";

    // The policy file is versioned, hashed and shown to auditors: credentials belong in the environment.
    private static readonly string[] SecretWords = ["password", "secret", "token", "apikey", "api_key", "private_key"];

    public static ProvisionerSpec? Read(PolicyReadContext context, YamlFields resource)
    {
        if (resource.Mapping("provisioner", required: true) is not { } mapping) return null;
        var path = resource.Child("provisioner");
        string? kind = null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (YamlValues.Scalar(context, keyNode, path) is not var (key, _))
            {
                ok = false;
                continue;
            }

            var keyPath = $"{path}.{key}";
            if (YamlValues.Scalar(context, valueNode, keyPath) is not var (value, _))
            {
                ok = false;
                continue;
            }

            if (key == KindKey) kind = value.Trim();
            else if (LooksLikeSecret(key))
            {
                // The value is deliberately not quoted: it may be the very secret.
                context.Error(keyNode, keyPath, $"looks like a secret; reference an environment variable instead (e.g. {key}_env: NAME)");
                ok = false;
            }
            else settings[key] = value;
        }

        if (kind is null)
        {
            if (!mapping.Children.Any(c => c.Key is YamlScalarNode { Value: KindKey }))
                context.Error(mapping, $"{path}.{KindKey}", "is required (e.g. manual, postgres, webhook)");
            return null;
        }

        var kindNode = mapping.Children[new YamlScalarNode(KindKey)];
        if (!PolicyNames.IsValid(kind))
        {
            context.Error(kindNode, $"{path}.{KindKey}", $"{PolicyReadContext.Quote(kind)} is not a provisioner kind: {PolicyNames.NameRule}");
            return null;
        }

        if (context.ProvisionerKinds is { } known && !known.Contains(kind, StringComparer.Ordinal))
        {
            context.Error(kindNode, $"{path}.{KindKey}", $"no provisioner of kind {PolicyReadContext.Quote(kind)} is installed (installed: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            return null;
        }

        return ok ? new ProvisionerSpec(kind, settings) : null;
    }

    private static bool LooksLikeSecret(string key) =>
        !key.EndsWith("_env", StringComparison.Ordinal) && SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));
}
