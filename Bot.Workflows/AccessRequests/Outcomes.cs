namespace AccessBot.Workflows.AccessRequests;

/// <summary>Why the engine refused a command. Adapters turn these into platform messages (templates).</summary>
public enum Refusal
{
    UnknownResource,
    DurationInvalid,
    DurationTooLong,
    ReasonRequired,
    TooManyPending,
    BreakGlassNotAllowed,
    SelfApproval,
    NotAnApprover,
    AlreadyDecidedByYou,
    NotPending,
    NotActive,
    NotRequester,
    NotAllowed,
}

/// <summary>
/// A refusal: the rule that refused (<see cref="Reason"/>) and the facts a sentence needs. The engine composes no sentence;
/// every surface renders one from its own template per reason, so the wording lives in one place per platform.
/// </summary>
public sealed record RefusalDetail(Refusal Reason, RefusalFacts Facts);

public abstract record SubmitOutcome
{
    private SubmitOutcome() { }

    public sealed record Submitted(RequestSnapshot Request) : SubmitOutcome;

    public sealed record Refused(RefusalDetail Detail) : SubmitOutcome;

    public sealed record NotFound : SubmitOutcome;
}

public abstract record DecisionOutcome
{
    private DecisionOutcome() { }

    /// <summary>The decision was recorded; <see cref="Request"/> shows the state after it.</summary>
    public sealed record Recorded(RequestSnapshot Request) : DecisionOutcome;

    /// <summary>Someone else decided first (or the request closed): tells who and how.</summary>
    public sealed record AlreadyClosed(RequestSnapshot Request) : DecisionOutcome;

    public sealed record Refused(RefusalDetail Detail, RequestSnapshot Request) : DecisionOutcome;

    public sealed record NotFound : DecisionOutcome;
}

public abstract record CommandOutcome
{
    private CommandOutcome() { }

    public sealed record Done(RequestSnapshot Request) : CommandOutcome;

    public sealed record Refused(RefusalDetail Detail, RequestSnapshot Request) : CommandOutcome;

    public sealed record NotFound : CommandOutcome;
}
