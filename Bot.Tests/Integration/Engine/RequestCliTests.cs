using AccessBot.Host.Cli;
using AccessBot.Host.Cli.Request;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class RequestCliTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EngineHarness(db.DataSource, configure: s => s.AddRequestVerbs());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<(int Exit, string Out, string Error)> RunAsync(string verb, params string[] words)
    {
        var command = _h.Get<IEnumerable<ICliVerb>>().Single(v => v.Name == verb);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.RunAsync(new CliArguments(words), new CliContext(_h.Services, output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<RequestId> SubmitAsync(string requester)
    {
        var (exit, output, _) = await RunAsync("request submit", "--as", requester, "--resource", "prod-db", "--duration", "1h30m", "--reason", "migrate orders");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(RequestId.TryParse(output.TrimEnd().Split('\n')[^1], out var id));
        return id.Value;
    }

    [Fact]
    public async Task Submit_prints_the_new_id_last_and_approve_records_the_operator_and_os_user()
    {
        var id = await SubmitAsync(EngineHarness.NewEmail("alice"));

        var approve = await RunAsync("request approve", id.ToString(), "--as", EngineHarness.Bob);

        Assert.Equal(ExitCodes.Success, approve.Exit);
        var request = await _h.GetAsync(id);
        Assert.Equal((RequestState.Approved, TimeSpan.FromMinutes(90)), (request.State, request.Duration));
        var audit = (await _h.Queries.AuditTrailAsync(id, CancellationToken.None))[^1];
        Assert.Equal(($"{EngineHarness.Bob} (os:{Environment.UserName})", "cli"), (audit.Actor, audit.Platform));
    }

    [Fact]
    public async Task Show_prints_state_approvals_and_audit_trail()
    {
        var id = await SubmitAsync(EngineHarness.NewEmail("alice"));
        await RunAsync("request deny", $"#{id}", "--as", EngineHarness.Carol, "--comment", "freeze\u001b[31m");

        var (exit, output, _) = await RunAsync("request show", id.ToString());

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("state:     denied", output, StringComparison.Ordinal);
        Assert.Contains($"step 1: denied by {EngineHarness.Carol} via cli", output, StringComparison.Ordinal);
        Assert.Contains("request.denied", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_exits_one_and_names_the_rule()
    {
        var requester = EngineHarness.NewEmail("alice");
        var id = await SubmitAsync(requester);

        var (exit, _, error) = await RunAsync("request approve", id.ToString(), "--as", requester);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("refused (SelfApproval): You cannot decide your own request.", error, StringComparison.Ordinal);
        Assert.Equal(RequestState.Pending, (await _h.GetAsync(id)).State);
        await RunAsync("request cancel", id.ToString(), "--as", requester);
        Assert.Equal(RequestState.Cancelled, (await _h.GetAsync(id)).State);
    }

    [Fact]
    public async Task Not_found_and_already_closed_are_worded_by_the_cli_templates_after_the_stable_prefix()
    {
        var requester = EngineHarness.NewEmail("alice");
        var id = await SubmitAsync(requester);
        await RunAsync("request cancel", id.ToString(), "--as", requester);

        var (closedExit, _, closed) = await RunAsync("request approve", id.ToString(), "--as", EngineHarness.Bob);
        var (missingExit, _, missing) = await RunAsync("request show", "999999999");

        Assert.Equal((ExitCodes.Refused, ExitCodes.Refused), (closedExit, missingExit));
        Assert.Equal($"refused (NotPending): request #{id} is already cancelled", closed.Trim());
        Assert.Equal("refused (NotFound): request #999999999 does not exist", missing.Trim());
    }

    [Theory]
    [InlineData("request submit", "--as", "a@example.com", "--resource", "prod-db", "--duration", "soon")]
    [InlineData("request submit", "--as", "a@example.com", "--resource", "prod-db", "--duration", "0m")]
    [InlineData("request submit", "--as", "a@example.com", "--duration", "1h")]
    [InlineData("request submit", "--as", "not-an-email", "--resource", "prod-db")]
    [InlineData("request deny", "1", "--as", "bob@example.com")]
    [InlineData("request approve", "--as", "bob@example.com")]
    [InlineData("request approve", "x1", "--as", "bob@example.com")]
    [InlineData("request approve", "1", "--as", "bob@example.com", "--force")]
    [InlineData("request list", "--state", "bogus")]
    [InlineData("request extend", "1", "--as", "bob@example.com")]
    public async Task Bad_usage_exits_two_and_changes_nothing(string verb, params string[] words)
    {
        var before = await CountAsync();

        var (exit, _, error) = await RunAsync(verb, words);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Unknown_request_is_refused()
    {
        var (exit, _, error) = await RunAsync("request show", "999999999");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("NotFound", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Break_glass_release_and_list_work_end_to_end()
    {
        var (exit, output, _) = await RunAsync("request break-glass", "--as", EngineHarness.OnCall, "--resource", "prod-db",
            "--duration", "30m", "--reason", "INC-7");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(RequestId.TryParse(output.TrimEnd().Split('\n')[^1], out var id));
        await _h.Lifecycle.ProvisionAsync(id.Value, CancellationToken.None);

        var listed = await RunAsync("request list", "--state", "active");
        var release = await RunAsync("request release", id.Value.ToString(), "--as", EngineHarness.OnCall);

        Assert.Contains($"#{id} active prod-db for {EngineHarness.OnCall}", listed.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, release.Exit);
        Assert.Equal(RequestState.Revoked, (await _h.GetAsync(id.Value)).State);
    }

    private async Task<long> CountAsync()
    {
        await using var command = db.DataSource.CreateCommand("select count(*) from access_requests");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
