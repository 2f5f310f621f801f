using AccessBot.Adapters.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Adapters.Slack;

public class SlackOptionsTests
{
    private static SlackOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSlackAdapter();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SlackOptions>>().Value;
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Slack:SigningSecret"] = "s3cr3t-signing-value",
        ["Slack:BotToken"] = "xoxb-123-456-abcdef",
        ["Slack:TeamId"] = "T0123",
        ["Slack:ApprovalChannel"] = "C0123",
    };

    [Fact]
    public void Slack_without_credentials_is_simply_off()
    {
        var options = Resolve([]);

        Assert.False(options.Enabled);
        Assert.Equal(new Uri("https://slack.com/api/"), options.ApiBaseUrl);
    }

    [Fact]
    public void Complete_settings_are_accepted() => Assert.True(Resolve(Valid()).Enabled);

    [Theory]
    [InlineData("Slack:TeamId", null, "Slack:TeamId")]
    [InlineData("Slack:BotToken", "xoxp-user-token-value", "Slack:BotToken must be a bot token")]
    [InlineData("Slack:SigningSecret", null, "Slack:SigningSecret is required")]
    [InlineData("Slack:ApprovalChannel", "", "Slack:ApprovalChannel")]
    [InlineData("Slack:ApiBaseUrl", "https://slack.example/api", "must end with '/'")]
    public void Incomplete_settings_stop_start_up_naming_the_setting_but_not_its_value(string key, string? value, string expected)
    {
        var settings = Valid();
        settings[key] = value;

        var e = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("s3cr3t-signing-value", e.Message);
        Assert.DoesNotContain("xoxp-user-token-value", e.Message);
    }
}
