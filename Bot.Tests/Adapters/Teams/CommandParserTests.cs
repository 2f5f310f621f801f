using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class CommandParserTests
{
    [Fact]
    public void The_bot_mention_is_removed_using_the_entity_not_the_text()
    {
        var activity = TeamsTestActivities.ChannelMention("https://svc.example/", "request prod-db 4h rotate keys");
        Assert.Equal("request prod-db 4h rotate keys", CommandParser.StripBotMention(activity));
    }

    [Fact]
    public void Mentions_of_other_people_are_kept()
    {
        var activity = TeamsTestActivities.ChannelMention("https://svc.example/", "request prod-db 4h pair with <at>Bob</at>") with
        {
            Entities =
            [
                new Entity("mention", "<at>AccessBot</at>", new ChannelAccount(TeamsTestActivities.BotId, "AccessBot")),
                new Entity("mention", "<at>Bob</at>", new ChannelAccount("29:bob", "Bob")),
            ],
        };
        Assert.Equal("request prod-db 4h pair with <at>Bob</at>", CommandParser.StripBotMention(activity));
    }

    [Fact]
    public void Html_entities_and_odd_spaces_from_rich_text_clients_are_normalised()
    {
        var activity = TeamsTestActivities.Personal("https://svc.example/", "  request&nbsp;prod-db   4h  a&amp;b ");
        Assert.Equal("request prod-db 4h a&b", CommandParser.StripBotMention(activity));
    }

    [Fact]
    public void A_full_request_is_parsed_with_resource_duration_and_reason()
    {
        var command = Assert.IsType<TeamsCommand.Request>(CommandParser.Parse("REQUEST prod-db 1h30m migrate the orders table"));
        Assert.Equal("prod-db", command.Resource);
        Assert.Equal(TimeSpan.FromMinutes(90), command.Duration);
        Assert.Equal("migrate the orders table", command.Reason);
    }

    [Theory]
    [InlineData("request")]
    [InlineData("request prod-db")]
    [InlineData("request prod-db soon please")]
    public void A_bare_or_malformed_request_opens_the_form(string text)
    {
        Assert.IsType<TeamsCommand.RequestForm>(CommandParser.Parse(text));
    }

    [Fact]
    public void A_malformed_duration_is_explained_and_what_was_typed_is_kept()
    {
        var form = Assert.IsType<TeamsCommand.RequestForm>(CommandParser.Parse("request prod-db soon please"));
        Assert.Equal("prod-db", form.Values?.Resource);
        Assert.Equal("soon please", form.Values?.Reason);
        Assert.Equal(new TeamsProblem(TeamsProblem.BadDuration, "soon"), form.Problem);
    }

    [Fact]
    public void Revoke_and_extend_take_a_request_number()
    {
        var revoke = Assert.IsType<TeamsCommand.Revoke>(CommandParser.Parse("revoke #812 done early"));
        Assert.Equal(new RequestId(812), revoke.Id);
        Assert.Equal("done early", revoke.Reason);
        var extend = Assert.IsType<TeamsCommand.Extend>(CommandParser.Parse("extend 812 2h still migrating"));
        Assert.Equal(TimeSpan.FromHours(2), extend.Duration);
        Assert.IsType<TeamsCommand.Invalid>(CommandParser.Parse("extend 812 forever"));
        Assert.IsType<TeamsCommand.Invalid>(CommandParser.Parse("revoke abc"));
    }

    [Theory]
    [InlineData("list", typeof(TeamsCommand.List))]
    [InlineData("pending", typeof(TeamsCommand.Pending))]
    [InlineData("resources", typeof(TeamsCommand.Resources))]
    [InlineData("help", typeof(TeamsCommand.Help))]
    [InlineData("", typeof(TeamsCommand.Help))]
    [InlineData("dance", typeof(TeamsCommand.Invalid))]
    public void Simple_commands_are_recognised(string text, Type expected)
    {
        Assert.IsType(expected, CommandParser.Parse(text));
    }
}
