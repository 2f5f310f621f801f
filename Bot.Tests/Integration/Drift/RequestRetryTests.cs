using AccessBot.Host.Cli;
using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Provisioning;
using Moq;

namespace AccessBot.Tests.Integration.Drift;

[Collection(nameof(PostgresCollection))]
public sealed class RequestRetryTests(PostgresFixture db)
{
    private static async Task<RequestId> FailedRequestAsync(DriftHarness h)
    {
        h.Provisioner.Setup(p => p.GrantAsync(It.IsAny<ProvisioningContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProvisionResult.Failed("role missing", Permanent: true));
        var request = await h.Engine.SubmitAsync(EngineHarness.NewEmail("alice"), h.Resource);
        Assert.IsType<DecisionOutcome.Recorded>(await h.Engine.DecideAsync(request.Id, EngineHarness.Bob));
        await h.Engine.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);
        Assert.Equal(RequestState.Failed, (await h.Engine.GetAsync(request.Id)).State);
        return request.Id;
    }

    [Fact]
    public async Task Retry_by_an_approver_moves_a_failed_request_back_to_approved_with_a_provision_outbox_row()
    {
        await using var h = new DriftHarness(db.DataSource);
        var id = await FailedRequestAsync(h);
        var provisionRowsBefore = (await h.Engine.OutboxAsync(id)).Count(o => o.Kind == OutboxKinds.Provision);

        var (exit, output, _) = await DriftCli.RunAsync(h, "request retry", id.ToString(), "--as", EngineHarness.Carol);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"#{id} approved", output, StringComparison.Ordinal);
        var request = await h.Engine.GetAsync(id);
        Assert.Equal((RequestState.Approved, (string?)null), (request.State, request.ClosedReason));
        Assert.Equal(provisionRowsBefore + 1, (await h.Engine.OutboxAsync(id)).Count(o => o.Kind == OutboxKinds.Provision));
        Assert.Equal("request.retried", (await h.Engine.AuditActionsAsync(id))[^1]);
        Assert.Equal(0, await h.Engine.ScalarAsync<int>("select provision_attempts from access_requests where id = @id", id.Value));

        // The retried request provisions normally once the target accepts.
        h.Provisioner.Setup(p => p.GrantAsync(It.IsAny<ProvisioningContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProvisionResult.Done("granted"));
        await h.Engine.Lifecycle.ProvisionAsync(id, CancellationToken.None);
        Assert.Equal(RequestState.Active, (await h.Engine.GetAsync(id)).State);
    }

    [Fact]
    public async Task Retry_by_an_admin_is_allowed()
    {
        await using var h = new DriftHarness(db.DataSource);
        var id = await FailedRequestAsync(h);

        var outcome = await h.Engine.Engine.RetryAsync(id, await h.Engine.PersonAsync(EngineHarness.Admin), CancellationToken.None);

        Assert.Equal(RequestState.Approved, Assert.IsType<CommandOutcome.Done>(outcome).Request.State);
    }

    [Fact]
    public async Task Retry_by_someone_who_is_not_an_approver_is_refused_and_changes_nothing()
    {
        await using var h = new DriftHarness(db.DataSource);
        var id = await FailedRequestAsync(h);

        var (exit, _, error) = await DriftCli.RunAsync(h, "request retry", id.ToString(), "--as", EngineHarness.NewEmail("mallory"));

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("NotAllowed", error, StringComparison.Ordinal);
        Assert.Equal(RequestState.Failed, (await h.Engine.GetAsync(id)).State);
        Assert.DoesNotContain("request.retried", await h.Engine.AuditActionsAsync(id));
    }

    [Fact]
    public async Task Retry_of_a_request_that_did_not_fail_is_refused()
    {
        await using var h = new DriftHarness(db.DataSource);
        var active = await h.Engine.ActiveGrantAsync(EngineHarness.NewEmail("alice"), h.Resource);

        var (exit, _, error) = await DriftCli.RunAsync(h, "request retry", active.Id.ToString(), "--as", EngineHarness.Admin);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("only a request whose provisioning failed", error, StringComparison.Ordinal);
        Assert.Equal(RequestState.Active, (await h.Engine.GetAsync(active.Id)).State);
    }

    [Fact]
    public async Task Retry_without_an_id_or_operator_is_bad_usage()
    {
        await using var h = new DriftHarness(db.DataSource);

        Assert.Equal(ExitCodes.Usage, (await DriftCli.RunAsync(h, "request retry", "--as", EngineHarness.Admin)).Exit);
        Assert.Equal(ExitCodes.Usage, (await DriftCli.RunAsync(h, "request retry", "12")).Exit);
    }
}
