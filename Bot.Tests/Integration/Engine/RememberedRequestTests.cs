using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>
/// An engine decides a request it filed from the record it remembers, without reading it; these tests change the
/// request through a second engine (another process, as far as the first can tell) and show the decision still
/// follows the database.
/// </summary>
[Collection(nameof(PostgresCollection))]
public sealed class RememberedRequestTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _here = null!;
    private EngineHarness _elsewhere = null!;

    public Task InitializeAsync()
    {
        _here = new EngineHarness(db.DataSource);
        _elsewhere = new EngineHarness(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _here.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task A_step_approved_elsewhere_lets_the_next_steps_approver_decide_here()
    {
        var request = await _here.SubmitAsync(EngineHarness.NewEmail("alice"), "two-step");
        Assert.IsType<DecisionOutcome.Recorded>(await _elsewhere.DecideAsync(request.Id, EngineHarness.Bob));

        // Remembered here, the request is still on step 1, whose group Erin is not in: that refusal is not given from memory.
        var outcome = await _here.DecideAsync(request.Id, EngineHarness.Erin);

        Assert.Equal(RequestState.Approved, Assert.IsType<DecisionOutcome.Recorded>(outcome).Request.State);
    }

    [Fact]
    public async Task An_approval_counted_elsewhere_is_counted_here()
    {
        var request = await _here.SubmitAsync(EngineHarness.NewEmail("alice"), "quorum");
        Assert.IsType<DecisionOutcome.Recorded>(await _elsewhere.DecideAsync(request.Id, EngineHarness.Bob));

        var outcome = await _here.DecideAsync(request.Id, EngineHarness.Carol);

        Assert.Equal(RequestState.Approved, Assert.IsType<DecisionOutcome.Recorded>(outcome).Request.State);
        var trail = await _here.Queries.AuditTrailAsync(request.Id, CancellationToken.None);
        Assert.Equal(2, (int)trail.Single(e => e.Action == "request.approved").Details["approvals"]!);
    }

    [Fact]
    public async Task A_request_cancelled_elsewhere_is_closed_here_and_gets_no_approval()
    {
        var requester = EngineHarness.NewEmail("alice");
        var request = await _here.SubmitAsync(requester);
        Assert.IsType<CommandOutcome.Done>(await _elsewhere.Engine.CancelAsync(request.Id, await _elsewhere.PersonAsync(requester), CancellationToken.None));

        var outcome = await _here.DecideAsync(request.Id, EngineHarness.Bob);

        Assert.Equal(RequestState.Cancelled, Assert.IsType<DecisionOutcome.AlreadyClosed>(outcome).Request.State);
        Assert.Equal(0L, await _here.ScalarAsync<long>("select count(*) from approvals where request_id = @id", request.Id.Value));
    }

    [Fact]
    public async Task A_decision_made_here_is_remembered_for_the_next_one()
    {
        var request = await _here.SubmitAsync(EngineHarness.NewEmail("alice"), "two-step");
        Assert.IsType<DecisionOutcome.Recorded>(await _here.DecideAsync(request.Id, EngineHarness.Bob));

        var outcome = await _here.DecideAsync(request.Id, EngineHarness.Erin);

        var approved = Assert.IsType<DecisionOutcome.Recorded>(outcome).Request;
        Assert.Equal((RequestState.Approved, 2), (approved.State, approved.Approvals.Count));
    }
}
