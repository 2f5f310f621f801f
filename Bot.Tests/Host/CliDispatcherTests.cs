using AccessBot.Host.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Host;

public sealed class CliDispatcherTests
{
    private readonly RecordingVerb _request = new("request", "SUB…", "Parent verb.");
    private readonly RecordingVerb _approve = new("request approve", "ID --as EMAIL", "Approve a step.");
    private readonly RecordingVerb _verify = new("audit verify", "", "Walk the chain.");
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    private CliDispatcher Dispatcher => new([_request, _approve, _verify]);

    [Fact]
    public async Task The_verb_matching_the_most_leading_words_runs_with_the_remaining_words()
    {
        var code = await Dispatch("request", "approve", "812", "--as", "bob@example.com");

        Assert.Equal(7, code);
        Assert.Null(_request.Received);
        Assert.Equal(["812"], _approve.Received!.Positionals);
        Assert.Equal("bob@example.com", _approve.Received.Option("as"));
    }

    [Fact]
    public async Task A_shorter_verb_gets_the_words_a_longer_one_did_not_claim()
    {
        await Dispatch("request", "show", "5");

        Assert.Null(_approve.Received);
        Assert.Equal(["show", "5"], _request.Received!.Positionals);
    }

    [Fact]
    public async Task An_unknown_verb_exits_2_and_lists_every_verb_on_stderr()
    {
        var code = await Dispatch("audti", "verify");

        Assert.Equal(ExitCodes.Usage, code);
        var help = _error.ToString();
        Assert.Contains("unknown verb 'audti verify'", help, StringComparison.Ordinal);
        Assert.Contains("audit verify", help, StringComparison.Ordinal);
        Assert.Contains("request approve ID --as EMAIL", help, StringComparison.Ordinal);
        Assert.Contains("Approve a step.", help, StringComparison.Ordinal);
        Assert.Empty(_out.ToString());
    }

    [Fact]
    public async Task Words_are_matched_whole_and_case_sensitively()
    {
        Assert.Equal(ExitCodes.Usage, await Dispatch("requests", "approve"));
        Assert.Equal(ExitCodes.Usage, await Dispatch("Audit", "verify"));
        Assert.Null(_approve.Received);
        Assert.Null(_verify.Received);
    }

    [Fact]
    public async Task Help_after_a_verb_prints_its_usage_without_running_it()
    {
        var code = await Dispatch("request", "approve", "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Null(_approve.Received);
        Assert.Contains("usage: request approve ID --as EMAIL", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_verbs_in_name_order_with_usage_and_summary()
    {
        CliHelp.Write([_verify, _approve, _request], _out);

        var lines = _out.ToString().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var verbLines = lines.Where(l => l.StartsWith("audit", StringComparison.Ordinal) || l.StartsWith("request", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, verbLines.Count);
        Assert.StartsWith("audit verify", verbLines[0], StringComparison.Ordinal);
        Assert.StartsWith("request SUB…", verbLines[1], StringComparison.Ordinal);
        Assert.StartsWith("request approve ID --as EMAIL", verbLines[2], StringComparison.Ordinal);
        Assert.EndsWith("Approve a step.", verbLines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], true, new string[0])]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, true, new[] { "--urls", "http://127.0.0.1:5000" })]
    [InlineData(new[] { "serve", "--urls", "http://127.0.0.1:5000" }, true, new[] { "--urls", "http://127.0.0.1:5000" })]
    [InlineData(new[] { "audit", "verify", "--from", "3" }, false, new string[0])]
    [InlineData(new[] { "help" }, false, new string[0])]
    public void Serve_is_the_default_and_verb_words_never_reach_the_host_configuration(string[] args, bool serve, string[] hostArgs)
    {
        var command = HostCommand.Parse(args);

        Assert.Equal(serve, command.IsServe);
        Assert.Equal(hostArgs, command.HostArgs);
        Assert.Equal(serve ? [] : args, command.VerbArgs);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void A_leading_help_option_asks_for_help_instead_of_starting_the_server(string option)
    {
        var command = HostCommand.Parse([option]);

        Assert.False(command.IsServe);
        Assert.Equal(["help"], command.VerbArgs);
    }

    private Task<int> Dispatch(params string[] args) =>
        Dispatcher.DispatchAsync(args, new ServiceCollection().BuildServiceProvider(), _out, _error, CancellationToken.None);

    private sealed class RecordingVerb(string name, string usage, string summary) : ICliVerb
    {
        public string Name => name;
        public string Usage => usage;
        public string Summary => summary;
        public CliArguments? Received { get; private set; }

        public Task<int> RunAsync(CliArguments args, CliContext context, CancellationToken ct)
        {
            Received = args;
            return Task.FromResult(7);
        }
    }
}
