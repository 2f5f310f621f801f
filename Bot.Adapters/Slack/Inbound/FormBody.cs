using System.Text;

namespace AccessBot.Adapters.Slack.Inbound;

/// <summary>Decodes an <c>application/x-www-form-urlencoded</c> body (the bytes the signature was checked over).</summary>
public static class FormBody
{
    public static IReadOnlyDictionary<string, string> Parse(byte[] body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            fields.TryAdd(name, value);   // first wins: a repeated field cannot override one already read
        }
        return fields;
    }

    private static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
}
