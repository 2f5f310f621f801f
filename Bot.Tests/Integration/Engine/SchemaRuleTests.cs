using AccessBot.Tests.Fixtures;
using Npgsql;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>The database itself refuses values outside the request and approval rules, whoever writes them.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class SchemaRuleTests(PostgresFixture db)
{
    [Theory]
    [InlineData("update access_requests set state = 'granted' where id = @id", "request_state")]
    [InlineData("update access_requests set requested_duration = interval '-1 hour' where id = @id", "positive_interval")]
    [InlineData("update access_requests set requested_duration = interval '0' where id = @id", "positive_interval")]
    [InlineData("insert into approvals (request_id, step, approver_id, decision, platform) " +
                "select id, 1, requester_id, 'maybe', 'cli' from access_requests where id = @id", "approval_decision")]
    public async Task A_value_outside_the_rules_is_refused_and_nothing_changes(string sql, string domain)
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => h.ExecAsync(sql, request.Id.Value));

        Assert.Equal((PostgresErrorCodes.CheckViolation, domain), (error.SqlState, error.DataTypeName));
        var now = await h.GetAsync(request.Id);
        Assert.Equal((request.State, request.Duration, request.Version), (now.State, now.Duration, now.Version));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from approvals where request_id = @id", request.Id.Value));
    }
}
