using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Slack.Api;
using AccessBot.Tests.Fakes.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Adapters.Slack;

/// <summary>Shared set-up for Slack adapter tests: options pointing at a fake server and a client built on them.</summary>
internal static class SlackTestKit
{
    public const string TeamId = "T0TEST";
    public const string ApprovalChannel = "C0APPROVALS";
    public const string SecurityChannel = "C0SECURITY";

    public static IOptions<SlackOptions> Options(FakeSlackServer? fake = null) => Microsoft.Extensions.Options.Options.Create(new SlackOptions
    {
        SigningSecret = SlackSigner.Secret,
        BotToken = FakeSlackServer.Token,
        ApiBaseUrl = fake?.ApiBaseUrl ?? new Uri("http://127.0.0.1:9/api/"),
        TeamId = TeamId,
        ApprovalChannel = ApprovalChannel,
        SecurityChannel = SecurityChannel,
    });

    public static SlackApiClient Client(FakeSlackServer fake, TimeProvider? time = null, string token = FakeSlackServer.Token)
    {
        var options = Options(fake);
        options.Value.BotToken = token;
        return new SlackApiClient(new HttpClient(), options, new ChannelPacer(time ?? TimeProvider.System), NullLogger<SlackApiClient>.Instance);
    }
}
