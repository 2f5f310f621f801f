using System.Text;
using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Slack.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccessBot.Tests.Adapters.Slack;

public class SlackSignatureVerifierTests
{
    // Slack's documented worked example (protocols/slack.md §1.2).
    private const string VectorSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string VectorTimestamp = "1531420618";
    private const string VectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string VectorBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(VectorBody);

    private static SlackSignatureVerifier Verifier(long now, string secret = VectorSecret) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));

    [Fact]
    public void Official_test_vector_is_accepted()
    {
        Assert.Equal(362, Body.Length);

        Assert.Equal(SignatureCheck.Valid, Verifier(1531420618).Check(VectorTimestamp, VectorSignature, Body));
    }

    [Theory]
    [InlineData(1531420318)]
    [InlineData(1531420918)]
    public void Vector_is_accepted_at_both_edges_of_the_five_minute_window(long now) =>
        Assert.Equal(SignatureCheck.Valid, Verifier(now).Check(VectorTimestamp, VectorSignature, Body));

    [Fact]
    public void Request_older_than_five_minutes_is_rejected_as_stale() =>
        Assert.Equal(SignatureCheck.Stale, Verifier(1531420919).Check(VectorTimestamp, VectorSignature, Body));

    [Fact]
    public void Request_dated_more_than_five_minutes_ahead_is_rejected() =>
        Assert.Equal(SignatureCheck.FromTheFuture, Verifier(1531420317).Check(VectorTimestamp, VectorSignature, Body));

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var tampered = Encoding.UTF8.GetBytes(VectorBody + "------");

        Assert.Equal(SignatureCheck.Mismatch, Verifier(1531420618).Check(VectorTimestamp, VectorSignature, tampered));
    }

    [Fact]
    public void Wrong_version_prefix_is_rejected() =>
        Assert.Equal(SignatureCheck.BadFormat, Verifier(1531420618).Check(VectorTimestamp, "v1=" + VectorSignature[3..], Body));

    [Fact]
    public void Upper_case_hex_is_rejected() =>
        Assert.Equal(SignatureCheck.BadFormat, Verifier(1531420618).Check(VectorTimestamp, "v0=" + VectorSignature[3..].ToUpperInvariant(), Body));

    [Fact]
    public void Wrong_secret_is_rejected() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier(1531420618, "another-secret").Check(VectorTimestamp, VectorSignature, Body));

    [Fact]
    public void Signature_for_another_timestamp_is_rejected() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier(1531420618).Check("1531420619", VectorSignature, Body));

    [Theory]
    [InlineData(null, VectorSignature)]
    [InlineData(VectorTimestamp, null)]
    [InlineData("", VectorSignature)]
    [InlineData(VectorTimestamp, "")]
    public void Missing_headers_are_rejected(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, Verifier(1531420618).Check(timestamp, signature, Body));

    [Theory]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData(" 1531420618")]
    [InlineData("abc")]
    public void Non_numeric_timestamp_is_rejected(string timestamp) =>
        Assert.Equal(SignatureCheck.BadTimestamp, Verifier(1531420618).Check(timestamp, VectorSignature, Body));

    [Fact]
    public void Truncated_signature_is_rejected() =>
        Assert.Equal(SignatureCheck.BadFormat, Verifier(1531420618).Check(VectorTimestamp, VectorSignature[..^2], Body));
}
