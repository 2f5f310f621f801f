using System.Text;
using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;

namespace AccessBot.Tests.Workflows.Audit;

public sealed class AuditCanonicalFormTests
{
    [Fact]
    public void Members_are_sorted_by_their_utf8_bytes_at_every_level()
    {
        var json = AuditCanonicalForm.CanonicalJson(JsonNode.Parse("""{"b": {"z": 1, "a": [ {"y": 2, "x": 1} ]}, "é": 0, "a": true, "Z": null}"""));

        Assert.Equal("""{"Z":null,"a":true,"b":{"a":[{"x":1,"y":2}],"z":1},"é":0}""", json);
    }

    [Fact]
    public void Strings_escape_only_quotes_backslashes_and_control_characters()
    {
        var json = AuditCanonicalForm.CanonicalJson(new JsonObject { ["s"] = "<a href=\"x\">\\ Grüße 🔐\n\t\u0001\u007f" });

        Assert.Equal("{\"s\":\"<a href=\\\"x\\\">\\\\ Grüße 🔐\\n\\t\\u0001\u007f\"}", json);
    }

    [Fact]
    public void Stored_jsonb_text_and_the_callers_object_give_the_same_canonical_form()
    {
        var stored = """{"a": "caf\u00e9 \ud83d\udd10", "bb": {"k": -0, "j": 1.50e1}, "ccc": [1, "x"]}""";

        var fromStored = AuditCanonicalForm.CanonicalJson(Encoding.UTF8.GetBytes(stored));
        var fromObject = AuditCanonicalForm.CanonicalJson(new JsonObject
        {
            ["ccc"] = new JsonArray(1, "x"),
            ["bb"] = new JsonObject { ["j"] = 15.0, ["k"] = 0 },
            ["a"] = "café 🔐",
        });

        Assert.Equal("""{"a":"café 🔐","bb":{"j":15.0,"k":0},"ccc":[1,"x"]}""", fromStored);
        Assert.Equal(fromStored.Replace("15.0", "15", StringComparison.Ordinal), fromObject);
    }

    [Fact]
    public void A_duplicate_member_keeps_the_last_value_as_jsonb_does()
    {
        Assert.Equal("""{"a":2}""", AuditCanonicalForm.CanonicalJson(Encoding.UTF8.GetBytes("""{"a": 1, "a": 2}""")));
    }

    [Fact]
    public void Caller_details_with_an_absurd_exponent_are_refused()
    {
        var details = JsonNode.Parse("""{"n": 1e5000}""");

        Assert.Throws<ArgumentException>(() => AuditCanonicalForm.CanonicalJson(details));
    }

    [Fact]
    public void Every_field_is_length_prefixed_so_moving_text_between_fields_changes_the_hash()
    {
        var at = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

        var one = AuditCanonicalForm.ComputeHash(AuditCanonicalForm.Genesis, 1, at, "ab", "c", "x", null, null, "{}", null);
        var other = AuditCanonicalForm.ComputeHash(AuditCanonicalForm.Genesis, 1, at, "a", "bc", "x", null, null, "{}", null);
        var nullVersusEmpty = AuditCanonicalForm.ComputeHash(AuditCanonicalForm.Genesis, 1, at, "ab", "c", "x", null, "", "{}", null);

        Assert.NotEqual(one, other);
        Assert.NotEqual(one, nullVersusEmpty);
    }

    [Fact]
    public void The_hash_covers_the_previous_hash()
    {
        var at = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var previous = new byte[32];
        previous[31] = 1;

        Assert.NotEqual(
            AuditCanonicalForm.ComputeHash(AuditCanonicalForm.Genesis, 2, at, "a", "b", "c", 1, "r", "{}", null),
            AuditCanonicalForm.ComputeHash(previous, 2, at, "a", "b", "c", 1, "r", "{}", null));
    }
}
