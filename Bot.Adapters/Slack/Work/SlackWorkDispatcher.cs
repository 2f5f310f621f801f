using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Interactions;

namespace AccessBot.Adapters.Slack.Work;

/// <summary>Sends each kind of work to the class that does it.</summary>
public sealed class SlackWorkDispatcher(SlackCommandProcessor commands, SlackActionProcessor actions, SlackFormProcessor forms)
{
    public Task RunAsync(SlackWork work, CancellationToken ct) => work switch
    {
        SlackWork.Command c => commands.RunAsync(c.Slash, c.Parsed, ct),
        SlackWork.Action a => actions.RunAsync(a.Interaction, a.Clicked, ct),
        SlackWork.SubmitForm s => forms.SubmitAsync(s.Interaction, s.Input, ct),
        SlackWork.DenyForm d => forms.DenyAsync(d.Interaction, d.Input, ct),
        _ => throw new InvalidOperationException($"Unknown Slack work {work.Kind}."),
    };
}
