namespace AccessBot.Workflows.Policy;

/// <summary>One problem found in a policy file, located precisely enough to fix it without searching.</summary>
/// <param name="File">The file as it was named to the loader.</param>
/// <param name="Line">1-based line; 0 when the problem concerns the whole file (unreadable, empty).</param>
/// <param name="Column">1-based column; 0 with <paramref name="Line"/> 0.</param>
/// <param name="Path">The field, e.g. <c>resources.prod-db.steps[0].group</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and, where it helps, what would be right.</param>
public sealed record PolicyError(string File, long Line, long Column, string Path, string Message)
{
    /// <summary><c>file:line:col: path: message</c>, the shape editors and CI logs turn into links.</summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length > 0 ? $"{location}: {Path}: {Message}" : $"{location}: {Message}";
    }
}
