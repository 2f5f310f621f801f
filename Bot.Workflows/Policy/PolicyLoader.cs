using System.Security.Cryptography;
using System.Text;
using AccessBot.Workflows.Policy.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// Reads and validates a policy file. Either the whole file is valid and an <see cref="AccessPolicy"/> comes back, or
/// <see cref="PolicyValidationException"/> lists every problem with its line, column and field: never a partial policy.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Reads the file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="PolicyValidationException">The file is not valid.</exception>
    /// <exception cref="IOException">The file cannot be read (including <see cref="FileNotFoundException"/>).</exception>
    public static AccessPolicy Load(string path) => Load(path, provisionerKinds: null);

    /// <summary>As <see cref="Load(string)"/>, and every <c>provisioner.kind</c> must be one of <paramref name="provisionerKinds"/> (not checked when null).</summary>
    public static AccessPolicy Load(string path, IReadOnlyCollection<string>? provisionerKinds)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(bytes, path, provisionerKinds);
    }

    /// <summary>Validates YAML text; <see cref="AccessPolicy.Version"/> is the hash of its UTF-8 bytes.</summary>
    /// <exception cref="PolicyValidationException">The text is not a valid policy.</exception>
    public static AccessPolicy Parse(string yamlText, string sourcePath) => Parse(yamlText, sourcePath, provisionerKinds: null);

    /// <summary>As <see cref="Parse(string, string)"/>, and every <c>provisioner.kind</c> must be one of <paramref name="provisionerKinds"/> (not checked when null).</summary>
    public static AccessPolicy Parse(string yamlText, string sourcePath, IReadOnlyCollection<string>? provisionerKinds) =>
        Parse(Encoding.UTF8.GetBytes(yamlText), sourcePath, provisionerKinds);

    private static AccessPolicy Parse(byte[] bytes, string sourcePath, IReadOnlyCollection<string>? provisionerKinds)
    {
        var context = new PolicyReadContext(sourcePath, provisionerKinds);
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var root = ReadYaml(context, bytes);
        var policy = root is null ? null : PolicyDocumentReader.Read(context, root, version);
        if (policy is null || context.HasErrors)
        {
            if (!context.HasErrors) context.FileError("is not a valid policy");
            throw new PolicyValidationException(context.Errors());
        }

        return policy;
    }

    private static YamlNode? ReadYaml(PolicyReadContext context, byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var scanner = new Scanner(reader);
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            context.Error(e.Start, "", $"YAML syntax error: {e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // The scanner throws this instead of a YamlException on some malformed input (e.g. an unclosed '[').
            context.Error(scanner.CurrentPosition, "", "YAML syntax error: unexpected text here (an unclosed bracket or quote?)");
            return null;
        }

        switch (stream.Documents.Count)
        {
            case 0:
                context.FileError("is empty; see accessbot.yaml in the repository for an example");
                return null;
            case > 1:
                context.Error(stream.Documents[1].RootNode, "", "holds more than one YAML document ('---'); a policy is one document");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }
}
