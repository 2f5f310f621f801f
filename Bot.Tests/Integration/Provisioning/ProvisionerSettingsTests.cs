using AccessBot.Workflows.Provisioning.Postgres;
using AccessBot.Workflows.Provisioning.Webhook;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Integration.Provisioning;

public sealed class ProvisionerSettingsTests
{
    [Fact]
    public void Postgres_settings_default_to_existing_logins_and_terminating_sessions()
    {
        Assert.True(PostgresSettings.TryParse(new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = "prod_rw" }, out var parsed, out _));

        Assert.Equal(new PostgresSettings("prod-db", "prod_rw", PostgresLoginMode.Existing, TerminateSessions: true), parsed);
    }

    [Theory]
    [InlineData("role", "prod_rw", "target")]
    [InlineData("target", "prod-db", "role")]
    public void Postgres_settings_name_the_missing_field(string key, string value, string missing)
    {
        Assert.False(PostgresSettings.TryParse(new Dictionary<string, string> { [key] = value }, out _, out var error));

        Assert.Contains($"'{missing}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login", "sometimes")]
    [InlineData("terminate_sessions", "maybe")]
    public void Postgres_settings_refuse_unknown_values(string key, string value)
    {
        var settings = new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = "prod_rw", [key] = value };

        Assert.False(PostgresSettings.TryParse(settings, out _, out var error));
        Assert.Contains($"'{key}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("00:00:03", 3_000)]
    public void Webhook_timeout_accepts_short_durations(string text, int milliseconds)
    {
        var settings = new Dictionary<string, string> { ["url"] = "https://ops.example.com/access", ["timeout"] = text };

        Assert.True(WebhookSettings.TryParse(settings, out var parsed, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), parsed.Timeout);
    }

    [Theory]
    [InlineData("url", "ftp://ops.example.com/access")]
    [InlineData("url", "/relative")]
    [InlineData("timeout", "forever")]
    [InlineData("timeout", "10m")]
    public void Webhook_settings_refuse_bad_values(string key, string value)
    {
        var settings = new Dictionary<string, string> { ["url"] = "https://ops.example.com/access", [key] = value };

        Assert.False(WebhookSettings.TryParse(settings, out _, out var error));
        Assert.Contains($"'{key}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparsable_target_connection_string_fails_start_up_without_echoing_it()
    {
        await using var host = new ProvisionerHost(new Dictionary<string, string?>
        {
            ["AccessBot:Targets:prod-db:ConnectionString"] = "Host=db.internal;Bogus Keyword=1;Password=hunter2-secret",
        });

        var error = Assert.Throws<OptionsValidationException>(host.ValidateOptions<PostgresTargetsOptions>);

        Assert.Contains("AccessBot:Targets:prod-db:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("db.internal", error.Message, StringComparison.Ordinal);
    }
}
