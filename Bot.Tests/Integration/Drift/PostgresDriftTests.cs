using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Tests.Integration.Provisioning;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Drift;
using AccessBot.Workflows.Provisioning.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Integration.Drift;

/// <summary>The drift sweep against a real target database with the real postgres provisioner.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class PostgresDriftTests(PostgresFixture db, PostgresTargetFixture target) : IClassFixture<PostgresTargetFixture>
{
    [Fact]
    public async Task Revoke_mode_takes_away_a_role_granted_by_hand_and_keeps_the_granted_one_and_the_unattributed_one()
    {
        var role = target.Name("drift_sweep");
        await target.CreateReaderRoleAsync(role);
        var resource = $"pg-drift-{Guid.NewGuid():N}";
        var policy = EngineHarness.DefaultPolicy();
        var spec = new ProvisionerSpec("postgres", new Dictionary<string, string>
        {
            ["target"] = "prod-db", ["role"] = role, ["login"] = "per-user", ["drift"] = "revoke",
        });
        policy = policy with
        {
            Resources = new Dictionary<string, ResourcePolicy>(StringComparer.Ordinal)
            {
                [resource] = policy.FindResource("prod-db")! with { Name = resource, ReasonRequired = false, Provisioner = spec },
            },
        };
        await using var h = new EngineHarness(db.DataSource, policy, configure: s =>
        {
            s.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AccessBot:Targets:prod-db:ConnectionString"] = target.BotConnectionString,
            }).Build());
            s.AddProvisioners();
        });

        var granted = target.Email("grace");
        await h.ActiveGrantAsync(granted, resource);
        var byHand = target.Email("mallory");
        var byHandLogin = PostgresLoginName.For(byHand);
        await target.CreateLoginAsync(byHandLogin);
        await target.ExecAsAdminFormattedAsync("GRANT %I TO %I", role, byHandLogin);
        var orphan = target.Name("orphan");
        await target.CreateLoginAsync(orphan);
        await target.ExecAsAdminFormattedAsync("GRANT %I TO %I", role, orphan);

        var result = await h.Get<DriftDetector>().SweepAsync(CancellationToken.None);

        Assert.Equal((2, 1), (result.Detected, result.Revoked));
        Assert.False(await target.IsMemberAsync(role, byHandLogin));
        Assert.True(await target.IsMemberAsync(role, orphan));
        Assert.True(await target.IsMemberAsync(role, PostgresLoginName.For(granted)));

        var next = await h.Get<DriftDetector>().SweepAsync(CancellationToken.None);
        Assert.Equal((0, 1), (next.Detected, next.Resolved));
        var open = Assert.Single(await h.Get<DriftFindingStore>().OpenAsync(resource, CancellationToken.None));
        Assert.Equal((orphan, (string?)null), (open.Subject, open.Email));
    }
}
