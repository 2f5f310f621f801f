using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>The public number of an access request (#812). It is a pointer, never a permission.</summary>
public readonly record struct RequestId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts "812" and "#812".</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RequestId? id)
    {
        id = null;
        var trimmed = text?.Trim().TrimStart('#');
        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0) return false;
        id = new RequestId(value);
        return true;
    }
}
