using AccessBot.Adapters.Slack.Commands;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Tests.Adapters.Slack;

public class CommandParserTests
{
    [Fact]
    public void Request_with_resource_duration_and_reason_is_parsed() =>
        Assert.Equal(new ParsedCommand.Request("prod-db", TimeSpan.FromMinutes(90), "fix the  orders table"),
            CommandParser.Parse("request prod-db 1h30m fix the  orders table"));

    [Fact]
    public void Request_without_a_reason_is_still_a_request() =>
        Assert.Equal(new ParsedCommand.Request("prod-db", TimeSpan.FromHours(4), null), CommandParser.Parse("REQUEST prod-db 4h"));

    [Theory]
    [InlineData("request", null, null, null)]
    [InlineData("request prod-db", "prod-db", null, null)]
    [InlineData("request prod-db soon please", "prod-db", "soon", "please")]
    public void Request_missing_or_garbling_parts_opens_the_form(string text, string? resource, string? duration, string? reason) =>
        Assert.Equal(new ParsedCommand.RequestForm(resource, duration, reason), CommandParser.Parse(text));

    [Fact]
    public void Entity_encoded_text_is_canonicalised_once() =>
        Assert.Equal(new ParsedCommand.Request("prod-db", TimeSpan.FromHours(1), "<!channel> & co"),
            CommandParser.Parse("request prod-db 1h &lt;!channel&gt; &amp; co"));

    [Fact]
    public void Revoke_keeps_the_whole_reason() =>
        Assert.Equal(new ParsedCommand.Revoke(new RequestId(812), "left the team today"), CommandParser.Parse("revoke #812 left the team today"));

    [Fact]
    public void Extend_needs_an_id_and_a_duration()
    {
        Assert.Equal(new ParsedCommand.Extend(new RequestId(5), TimeSpan.FromHours(2), "still migrating"), CommandParser.Parse("extend 5 2h still migrating"));
        Assert.IsType<ParsedCommand.Help>(CommandParser.Parse("extend 5 forever"));
    }

    [Theory]
    [InlineData("list", typeof(ParsedCommand.List))]
    [InlineData("pending", typeof(ParsedCommand.Pending))]
    [InlineData("resources", typeof(ParsedCommand.Resources))]
    [InlineData("revoke abc", typeof(ParsedCommand.Help))]
    [InlineData("dance", typeof(ParsedCommand.Help))]
    public void Verbs_map_to_commands(string text, Type expected) => Assert.IsType(expected, CommandParser.Parse(text));

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("4h", 240)]
    [InlineData("1d", 1440)]
    [InlineData("1h30m", 90)]
    public void Durations_are_read(string text, int minutes)
    {
        Assert.True(SlackDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("4")]
    [InlineData("-1h")]
    [InlineData("h")]
    [InlineData("99999999h")]
    public void Nonsense_durations_are_refused(string text) => Assert.False(SlackDuration.TryParse(text, out _));
}
