using System.Globalization;
using System.Text;

namespace AccessBot.Workflows.Digest;

/// <summary>Turns a stored permalink into a URL that cannot break out of any link syntax, or null when it is not http(s).</summary>
internal static class SafeUrl
{
    // Characters that end or nest link syntax in some markup (angle-bracket links, markdown links, HTML attributes).
    private const string Unsafe = "<>|()[]\"'`{}\\^";

    public static string? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return null;
        var builder = new StringBuilder();
        foreach (var c in uri.AbsoluteUri)
        {
            if (c <= ' ' || c >= 0x7f || Unsafe.Contains(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
