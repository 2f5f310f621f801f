using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccessBot.Tests.Fakes.Teams;

/// <summary>Signs Bot Connector-style JWTs with the fake connector's key (or deliberately wrong ones).</summary>
public sealed class BotTokenMinter(FakeBotConnector connector, TimeProvider time)
{
    public const string Issuer = "https://api.botframework.com";

    public string Mint(
        string audience,
        string serviceUrl,
        string issuer = Issuer,
        TimeSpan? expiresIn = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        RSA? key = null,
        string keyId = FakeBotConnector.KeyId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? connector.SigningKey) { KeyId = keyId }, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public string MintUnsigned(string audience, string serviceUrl)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = FakeBotConnector.KeyId };
        var payload = Payload(audience, serviceUrl, now);
        return $"{Encode(header)}.{Encode(payload)}.";
    }

    /// <summary>HS256 with the RSA public key as the HMAC secret: the classic algorithm-confusion attack.</summary>
    public string MintHmacWithPublicKey(string audience, string serviceUrl)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = FakeBotConnector.KeyId };
        var signingInput = $"{Encode(header)}.{Encode(Payload(audience, serviceUrl, now))}";
        var secret = Encoding.UTF8.GetBytes(connector.SigningKey.ExportSubjectPublicKeyInfoPem());
        var mac = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(mac)}";
    }

    private static JsonObject Payload(string audience, string serviceUrl, long now) => new()
    {
        ["iss"] = Issuer, ["aud"] = audience, ["nbf"] = now - 60, ["iat"] = now - 60, ["exp"] = now + 3600, ["serviceurl"] = serviceUrl,
    };

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
