using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Interactions;

namespace AccessBot.Adapters.Slack.Work;

/// <summary>What is left to do after Slack got its acknowledgement. Kept in memory only: response URLs never reach storage.</summary>
public abstract record SlackWork
{
    private SlackWork() { }

    public abstract string Kind { get; }

    public sealed record Command(SlashCommand Slash, ParsedCommand Parsed) : SlackWork
    {
        public override string Kind => "command";
    }

    public sealed record Action(Interaction Interaction, BlockAction Clicked) : SlackWork
    {
        public override string Kind => "block_action";
    }

    public sealed record SubmitForm(Interaction Interaction, RequestFormInput Input) : SlackWork
    {
        public override string Kind => "request_form";
    }

    public sealed record DenyForm(Interaction Interaction, DenyFormInput Input) : SlackWork
    {
        public override string Kind => "deny_form";
    }
}
