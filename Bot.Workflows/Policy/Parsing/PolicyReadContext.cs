using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AccessBot.Workflows.Policy.Parsing;

/// <summary>Collects every error of one read, so the operator fixes the file in one pass instead of one error per run.</summary>
internal sealed class PolicyReadContext(string file, IReadOnlyCollection<string>? provisionerKinds = null)
{
    private const int MaxQuotedLength = 60;
    private readonly List<PolicyError> _errors = [];

    public string File { get; } = file;

    /// <summary>The provisioner kinds the host has, or null when the caller does not know them (then any well-formed kind passes).</summary>
    public IReadOnlyCollection<string>? ProvisionerKinds { get; } = provisionerKinds;

    public bool HasErrors => _errors.Count > 0;

    public void Error(YamlNode node, string path, string message) => Error(node.Start, path, message);

    public void Error(Mark mark, string path, string message) =>
        _errors.Add(new PolicyError(File, mark.Line, mark.Column, path, message));

    public void FileError(string message) => _errors.Add(new PolicyError(File, 0, 0, "", message));

    /// <summary>In file order, so the list reads top to bottom like the file.</summary>
    public IReadOnlyList<PolicyError> Errors() =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Path, StringComparer.Ordinal)];

    /// <summary>A value from the file, quoted and shortened for a message (long values are usually pasted by mistake).</summary>
    public static string Quote(string value) =>
        value.Length <= MaxQuotedLength ? $"\"{value}\"" : $"\"{value[..MaxQuotedLength]}…\"";
}
