namespace AccessBot.Adapters.Teams.Handling;

/// <summary>What <c>/api/messages</c> answers: a status and, for invokes, a JSON body.</summary>
public sealed record TeamsHttpResult(int Status, object? Body = null)
{
    public static TeamsHttpResult Ok { get; } = new(200);
}
