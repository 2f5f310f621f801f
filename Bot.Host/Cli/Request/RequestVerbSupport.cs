using System.Globalization;
using System.Text;
using AccessBot.Adapters.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Host.Cli.Request;

/// <summary>What the <c>request …</c> verbs share: the operator as an actor, argument parsing, printing outcomes.</summary>
internal static class RequestVerbSupport
{
    public const string Platform = "cli";

    public static readonly RequestOrigin Origin = new(Platform, null, null);

    /// <summary>The person named by <c>--as</c>; the audit log records the OS user too ("EMAIL (os:USER)").</summary>
    public static async Task<Actor?> ActorAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.TryRequire("as", out var email, context.Error)) return null;
        Principal principal;
        try
        {
            var directory = context.Services.GetRequiredService<IPrincipalDirectory>();
            principal = await directory.FindByEmailAsync(email, ct) ?? await directory.ResolveByEmailAsync(email, email.Trim(), ct);
        }
        catch (ArgumentException)
        {
            context.Error.WriteLine($"error: --as '{Safe(email)}' is not an email address");
            return null;
        }
        return new Actor(principal, $"{principal.Email} (os:{Environment.UserName})", Platform);
    }

    public static bool TryId(CliArguments args, CliContext context, out RequestId id)
    {
        id = default;
        if (args.Positionals.Count != 1 || !RequestId.TryParse(args.Positionals[0], out var parsed))
        {
            context.Error.WriteLine("error: give exactly one request id, e.g. 812 or #812");
            return false;
        }
        id = parsed.Value;
        return true;
    }

    public static bool TryNoPositionals(CliArguments args, CliContext context)
    {
        if (args.Positionals.Count == 0) return true;
        context.Error.WriteLine($"error: unexpected argument '{Safe(args.Positionals[0])}'");
        return false;
    }

    public static bool TryDuration(CliArguments args, string name, bool required, CliContext context, out TimeSpan? duration)
    {
        duration = null;
        var text = args.Option(name);
        if (text is null)
        {
            if (!required) return true;
            context.Error.WriteLine($"error: --{name} is required");
            return false;
        }
        if (!DurationText.TryParse(text, out var parsed) || parsed <= TimeSpan.Zero)
        {
            context.Error.WriteLine($"error: --{name} '{Safe(text)}' is not a duration (examples: 30m, 4h, 1d, 1h30m)");
            return false;
        }
        duration = parsed;
        return true;
    }

    /// <summary>
    /// "refused (Reason): sentence" on stderr: the prefix is the stable, scriptable part; the sentence comes from
    /// <c>templates/cli/refusals/{reason}.sbn</c> with every fact made terminal-safe.
    /// </summary>
    public static int Refused(CliContext context, RefusalDetail detail)
    {
        var sentence = context.Services.GetRequiredService<TemplateRenderer>().RenderRefusal(Platform, detail, PlainTextEscaper.Instance);
        context.Error.WriteLine($"refused ({detail.Reason}): {sentence}");
        return ExitCodes.Refused;
    }

    public static int NotFound(CliContext context, RequestId? id)
    {
        context.Error.WriteLine($"refused (NotFound): {Sentence(context, "cli/not_found.sbn", new { Id = id?.Value })}");
        return ExitCodes.Refused;
    }

    /// <summary>The terminal sentence from a <c>templates/cli/</c> template, every model string made terminal-safe.</summary>
    private static string Sentence(CliContext context, string template, object model) =>
        context.Services.GetRequiredService<TemplateRenderer>().Render(template, model, PlainTextEscaper.Instance);

    public static int Print(SubmitOutcome outcome, CliContext context) => outcome switch
    {
        SubmitOutcome.Submitted s => Done(context, s.Request, lastLineId: true),
        SubmitOutcome.Refused r => Refused(context, r.Detail),
        _ => NotFound(context, null),
    };

    public static int Print(CommandOutcome outcome, RequestId id, CliContext context) => outcome switch
    {
        CommandOutcome.Done d => Done(context, d.Request, lastLineId: false),
        CommandOutcome.Refused r => Refused(context, r.Detail),
        _ => NotFound(context, id),
    };

    public static int Print(DecisionOutcome outcome, RequestId id, CliContext context)
    {
        switch (outcome)
        {
            case DecisionOutcome.Recorded r:
                return Done(context, r.Request, lastLineId: false);
            case DecisionOutcome.AlreadyClosed c:
                var sentence = Sentence(context, "cli/already_closed.sbn",
                    new { Id = id.Value, State = c.Request.State.ToDb(), By = c.Request.Approvals.LastOrDefault()?.Approver.Email });
                context.Error.WriteLine($"refused (NotPending): {sentence}");
                return ExitCodes.Refused;
            case DecisionOutcome.Refused r:
                return Refused(context, r.Detail);
            default:
                return NotFound(context, id);
        }
    }

    public static string Summary(RequestSnapshot r)
    {
        var step = r.State == RequestState.Pending ? $", step {r.CurrentStep}/{r.TotalSteps} ({Safe(r.CurrentStepGroup ?? "?")})" : "";
        var expiry = r.ExpiresAt is { } e
            ? ", expires " + e.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "";
        return $"#{r.Id} {r.State.ToDb()} {Safe(r.Resource)} for {Safe(r.Requester.Email)}, {DurationText.Format(r.Duration)}{step}{expiry}";
    }

    /// <summary>User text printed to a terminal: control characters (escape sequences, newlines) are replaced.</summary>
    public static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? '?' : c);
        return builder.ToString();
    }

    private static int Done(CliContext context, RequestSnapshot request, bool lastLineId)
    {
        context.Out.WriteLine(Summary(request));
        if (lastLineId) context.Out.WriteLine(request.Id.ToString());
        return ExitCodes.Success;
    }

}
