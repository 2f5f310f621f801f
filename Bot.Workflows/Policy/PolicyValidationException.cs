namespace AccessBot.Workflows.Policy;

/// <summary>The policy file is not valid. <see cref="Errors"/> holds every problem found, in file order, not only the first.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException(IReadOnlyList<PolicyError> errors)
        : base(Describe(errors)) =>
        Errors = errors;

    public PolicyValidationException()
        : this([])
    {
    }

    public PolicyValidationException(string message)
        : base(message) =>
        Errors = [];

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException) =>
        Errors = [];

    public IReadOnlyList<PolicyError> Errors { get; }

    private static string Describe(IReadOnlyList<PolicyError> errors) =>
        errors.Count switch
        {
            0 => "The policy file is not valid.",
            1 => $"The policy file has 1 error:{Environment.NewLine}  {errors[0]}",
            _ => $"The policy file has {errors.Count} errors:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors),
        };
}
