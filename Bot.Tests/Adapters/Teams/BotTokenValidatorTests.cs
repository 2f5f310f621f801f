using AccessBot.Adapters.Teams;
using AccessBot.Adapters.Teams.Auth;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Tests.Fakes.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class BotTokenValidatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private FakeBotConnector _connector = null!;
    private BotTokenMinter _minter = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _minter = new BotTokenMinter(_connector, _time);
    }

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private static IHostEnvironment Environment(string name)
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.EnvironmentName).Returns(name);
        return environment.Object;
    }

    private readonly CapturingLogger<BotTokenValidator> _log = new();

    private BotTokenValidator Validator(Action<TeamsOptions>? configure = null, string environment = "Production")
    {
        var options = new TeamsOptions
        {
            AppId = TeamsTestActivities.AppId, AppPassword = "unused", OpenIdMetadataUrl = _connector.OpenIdMetadataUrl,
            AllowedTenants = [TeamsTestActivities.Tenant],
        };
        configure?.Invoke(options);
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new BotTokenValidator(Options.Create(options), services.GetRequiredService<IHttpClientFactory>(), Environment(environment), _time, _log);
    }

    private Activity Activity() => TeamsTestActivities.Personal(_connector.ServiceUrl, "help");

    private Task<InboundAuthResult> Check(string? header, Activity? activity = null, BotTokenValidator? validator = null) =>
        (validator ?? Validator()).ValidateAsync(header, activity ?? Activity(), CancellationToken.None);

    [Fact]
    public async Task A_token_signed_by_the_connector_key_for_this_bot_is_accepted()
    {
        var result = await Check("Bearer " + _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl));
        Assert.True(result.IsValid, result.Failure);
        Assert.False(result.Anonymous);
    }

    [Fact]
    public async Task A_token_for_another_bot_is_rejected()
    {
        var result = await Check("Bearer " + _minter.Mint("99999999-0000-0000-0000-000000000000", _connector.ServiceUrl));
        Assert.False(result.IsValid);
        Assert.Contains("audience", result.Failure);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected()
    {
        var result = await Check("Bearer " + _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl, issuer: "https://sts.windows.net/evil/"));
        Assert.False(result.IsValid);
        Assert.Contains("issuer", result.Failure);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_five_minute_skew_is_rejected_but_within_it_is_accepted()
    {
        var token = _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl, expiresIn: TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await Check("Bearer " + token)).IsValid);
        _time.Advance(TimeSpan.FromMinutes(2));
        var late = await Check("Bearer " + token);
        Assert.False(late.IsValid);
        Assert.Contains("lifetime", late.Failure);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_rejected()
    {
        var result = await Check("Bearer " + _minter.MintUnsigned(TeamsTestActivities.AppId, _connector.ServiceUrl));
        Assert.False(result.IsValid);
        Assert.StartsWith("jwt rejected", result.Failure);
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_public_key_is_rejected()
    {
        var result = await Check("Bearer " + _minter.MintHmacWithPublicKey(TeamsTestActivities.AppId, _connector.ServiceUrl));
        Assert.False(result.IsValid);
        Assert.StartsWith("jwt rejected", result.Failure);
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_rejected()
    {
        using var other = RSA.Create(2048);
        var sameKid = await Check("Bearer " + _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl, key: other));
        var otherKid = await Check("Bearer " + _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl, key: other, keyId: "unknown"));
        Assert.False(sameKid.IsValid);
        Assert.False(otherKid.IsValid);
    }

    [Fact]
    public async Task A_token_with_a_disallowed_RSA_padding_algorithm_is_rejected()
    {
        var result = await Check("Bearer " + _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl, algorithm: SecurityAlgorithms.RsaSsaPssSha256));
        Assert.False(result.IsValid);
        Assert.StartsWith("jwt rejected", result.Failure);
    }

    [Fact]
    public async Task A_token_whose_serviceurl_claim_differs_from_the_activity_is_rejected()
    {
        var token = _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl);
        var activity = Activity() with { ServiceUrl = "https://attacker.example/" };
        var result = await Check("Bearer " + token, activity);
        Assert.False(result.IsValid);
        Assert.Contains("serviceurl", result.Failure);
    }

    [Fact]
    public async Task An_activity_from_a_tenant_outside_the_allow_list_is_rejected()
    {
        var token = _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl);
        var activity = TeamsTestActivities.Personal(_connector.ServiceUrl, "help", tenant: "00000000-0000-0000-0000-00000000beef");
        var result = await Check("Bearer " + token, activity);
        Assert.False(result.IsValid);
        Assert.Contains("tenant", result.Failure);
    }

    [Fact]
    public async Task A_channel_the_signing_key_does_not_endorse_is_rejected()
    {
        var token = _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl);
        var result = await Check("Bearer " + token, Activity() with { ChannelId = "webchat" });
        Assert.False(result.IsValid);
        Assert.Contains("endorse", result.Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bearer abc")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer a b")]
    public async Task A_missing_or_malformed_authorization_header_is_rejected(string? header)
    {
        var result = await Check(header);
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Without_an_app_id_everything_is_refused_unless_anonymous_mode_is_allowed_in_development()
    {
        Assert.False((await Check(null, validator: Validator(o => o.AppId = null, "Development"))).IsValid);
        Assert.False((await Check(null, validator: Validator(o => { o.AppId = null; o.AllowAnonymous = true; }, "Production"))).IsValid);
    }

    [Fact]
    public async Task In_anonymous_mode_requests_without_a_token_are_accepted_and_tokens_are_refused()
    {
        var anonymous = Validator(o => { o.AppId = null; o.AllowAnonymous = true; }, "Development");
        var result = await Check(null, validator: anonymous);
        Assert.True(result.IsValid);
        Assert.True(result.Anonymous);
        var withToken = await Check("Bearer " + _minter.Mint(TeamsTestActivities.AppId, _connector.ServiceUrl), validator: anonymous);
        Assert.False(withToken.IsValid);
    }

    [Fact]
    public async Task A_rejection_writes_a_security_log_line_without_the_token()
    {
        var token = _minter.Mint("99999999-0000-0000-0000-000000000000", _connector.ServiceUrl);
        await Check("Bearer " + token);
        var (level, id, message) = Assert.Single(_log.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, level);
        Assert.Equal(3001, id.Id);
        Assert.Contains("Security", message);
        Assert.DoesNotContain(token, message);
        Assert.DoesNotContain(token.Split('.')[2], message);
    }
}
