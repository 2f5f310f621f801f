using System.Text.RegularExpressions;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Tests.Adapters.Rendering;

/// <summary>The hostile value the template tests feed into every user-supplied field, and what "inert" means per platform.</summary>
internal static partial class HostileText
{
    /// <summary>Broadcasts, a mention, a disguised link, template syntax, emphasis, line breaks, non-ASCII, and 4,000 more characters.</summary>
    public static readonly string Value =
        "<!channel> <@U1> <http://evil|ok> {{ 7 * 7 }} *bold* **strong** [x](http://evil) <at>Boss</at>\nline\r\nŻółć 名前 🚀 "
        + new string('r', 4000);

    /// <summary>One notice of each kind (and each manual step), with the hostile value in every string.</summary>
    public static IReadOnlyList<Notice> Notices() =>
    [
        .. Enum.GetValues<ManualStep>().Select(step => new ManualTask(step, 812, Value, Value, Value)),
        new ProvisioningFailed(812, Value),
        new ExpiredNotRevoked(812, Value),
        new CheckpointWritten(812, Value, Value, Value),
        new CheckpointRefused(812, Value),
    ];

    public static void AssertInert(string platform, string text, string what)
    {
        Assert.DoesNotContain(" 49 ", text, StringComparison.Ordinal);   // {{ 7 * 7 }} in a value is never evaluated
        switch (platform)
        {
            case "slack":
                var controls = AngleSequence().Matches(text).Select(m => m.Value).Where(v => !v.StartsWith("<!date^", StringComparison.Ordinal)).ToList();
                Assert.True(controls.Count == 0, $"{what}: {string.Join(", ", controls)}");
                break;
            case "teams":
                Assert.DoesNotContain("<at>", text, StringComparison.Ordinal);
                Assert.DoesNotContain("[x](http://evil)", text, StringComparison.Ordinal);
                Assert.DoesNotContain("**strong**", text, StringComparison.Ordinal);
                Assert.DoesNotContain("\nline", text, StringComparison.Ordinal);   // a value cannot start a block of its own
                break;
            default:
                Assert.False(text.Any(c => char.IsControl(c) && c != '\n'), $"{what}: control character in terminal text");
                break;
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AngleSequence();
}
