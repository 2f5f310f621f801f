using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Slack.Commands;

/// <summary>
/// Durations typed in chat (<c>30m</c>, <c>4h</c>, <c>1h30m</c>, <c>1d</c>): the policy file's grammar
/// (<see cref="DurationText"/>), except that a request for no time at all is not a duration here.
/// </summary>
public static class SlackDuration
{
    public static bool TryParse(string? text, out TimeSpan duration) =>
        DurationText.TryParse(text, out duration) && duration > TimeSpan.Zero;

    public static string Format(TimeSpan duration) => DurationText.Format(duration);
}
