using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Host.Cli.Request;

/// <summary><c>request list</c>: newest requests first, optionally in one state.</summary>
internal sealed class RequestListVerb : ICliVerb
{
    public string Name => "request list";

    public string Usage => "[--state STATE] [--limit N]";

    public string Summary => "List requests, newest first.";

    public async Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
    {
        if (!args.EnsureOnly(context.Error, "state", "limit") || !RequestVerbSupport.TryNoPositionals(args, context)) return ExitCodes.Usage;
        RequestState? state = null;
        if (args.Option("state") is { } text)
        {
            if (!RequestStates.TryParse(text, out var parsed))
            {
                context.Error.WriteLine($"error: --state '{RequestVerbSupport.Safe(text)}' is not one of: " +
                    string.Join(", ", Enum.GetValues<RequestState>().Select(s => s.ToDb())));
                return ExitCodes.Usage;
            }
            state = parsed;
        }
        var limit = 50;
        if (args.Option("limit") is { } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 1000))
        {
            context.Error.WriteLine("error: --limit must be a number from 1 to 1000");
            return ExitCodes.Usage;
        }

        var requests = await context.Services.GetRequiredService<IAccessRequestQueries>().ListAsync(new RequestFilter(state), limit, ct);
        foreach (var request in requests) context.Out.WriteLine(RequestVerbSupport.Summary(request));
        if (requests.Count == 0) context.Out.WriteLine("no requests");
        return ExitCodes.Success;
    }
}
