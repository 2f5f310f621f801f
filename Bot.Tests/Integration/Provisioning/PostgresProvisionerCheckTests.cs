using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Postgres;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>CheckAsync as the drift sweep will use it: who holds the role in the target, however they got it.</summary>
public sealed class PostgresProvisionerCheckTests(PostgresTargetFixture target) : IClassFixture<PostgresTargetFixture>, IAsyncLifetime
{
    private ProvisionerHost _host = null!;
    private IProvisioner _provisioner = null!;

    public Task InitializeAsync()
    {
        _host = new ProvisionerHost(new Dictionary<string, string?>
        {
            ["AccessBot:Targets:prod-db:ConnectionString"] = target.BotConnectionString,
        });
        _provisioner = _host.Get("postgres");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Check_lists_a_member_granted_by_hand_beside_the_one_AccessBot_granted()
    {
        var role = target.Name("drift_rw");
        await target.CreateReaderRoleAsync(role);
        var granted = target.Email("grace");
        var hashed = $"heidi.{target.RunId}@corp-mail.example";
        var shadow = target.Name("shadow");
        var settings = new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role, ["login"] = "per-user" };
        await _provisioner.GrantAsync(ProvisionerHost.Context(granted, "prod-db", "postgres", settings, Expiry), CancellationToken.None);
        await _provisioner.GrantAsync(ProvisionerHost.Context(hashed, "prod-db", "postgres", settings, Expiry), CancellationToken.None);
        await target.CreateLoginAsync(shadow);
        await target.ExecAsAdminFormattedAsync("GRANT %I TO %I", role, shadow);

        var holders = await _provisioner.CheckAsync(ProvisionerHost.Resource("prod-db", "postgres", settings), CancellationToken.None);

        Assert.Equal(
            new[]
            {
                new ProvisionedAccess(PostgresLoginName.For(granted), granted),
                new ProvisionedAccess(PostgresLoginName.For(hashed), hashed),
                new ProvisionedAccess(shadow, null),
            }.OrderBy(h => h.Subject, StringComparer.Ordinal),
            holders.OrderBy(h => h.Subject, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Check_maps_an_existing_login_named_by_the_rule_back_to_its_email_without_a_comment()
    {
        var role = target.Name("drift_existing");
        await target.CreateReaderRoleAsync(role);
        var email = target.Email("ivan");
        await target.CreateLoginAsync(PostgresLoginName.For(email));
        await target.ExecAsAdminFormattedAsync("GRANT %I TO %I", role, PostgresLoginName.For(email));

        var holders = await _provisioner.CheckAsync(
            ProvisionerHost.Resource("prod-db", "postgres", new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role }),
            CancellationToken.None);

        Assert.Equal(new ProvisionedAccess(PostgresLoginName.For(email), email), Assert.Single(holders));
    }

    [Fact]
    public async Task A_comment_that_disagrees_with_the_login_name_is_not_believed()
    {
        var role = target.Name("drift_forged");
        await target.CreateReaderRoleAsync(role);
        var forged = target.Name("forged");
        await target.CreateLoginAsync(forged);
        await target.ExecAsAdminFormattedAsync("COMMENT ON ROLE %I IS %L", forged, "accessbot:principal=" + target.Email("judy"));
        await target.ExecAsAdminFormattedAsync("GRANT %I TO %I", role, forged);

        var holders = await _provisioner.CheckAsync(
            ProvisionerHost.Resource("prod-db", "postgres", new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role }),
            CancellationToken.None);

        Assert.Null(Assert.Single(holders).Email);
    }

    [Fact]
    public async Task Check_of_a_role_nobody_holds_is_empty()
    {
        var role = target.Name("drift_empty");
        await target.CreateReaderRoleAsync(role);

        var holders = await _provisioner.CheckAsync(
            ProvisionerHost.Resource("prod-db", "postgres", new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role }),
            CancellationToken.None);

        Assert.Empty(holders);
    }

    private static readonly DateTimeOffset Expiry = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
