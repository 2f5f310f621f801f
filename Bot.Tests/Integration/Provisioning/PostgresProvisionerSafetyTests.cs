using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Postgres;
using Npgsql;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>Hostile names, missing privileges and unreachable targets.</summary>
public sealed partial class PostgresProvisionerSafetyTests(PostgresTargetFixture target) : IClassFixture<PostgresTargetFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset FarFuture = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ProvisionerHost _host = null!;
    private IProvisioner _provisioner = null!;
    private string _weakPassword = "";

    public async Task InitializeAsync()
    {
        // A login that may connect but holds none of the privileges the README asks for.
        var weak = target.Name("weak" + Guid.NewGuid().ToString("N")[..6]);
        _weakPassword = await target.CreateLoginAsync(weak);
        _host = new ProvisionerHost(new Dictionary<string, string?>
        {
            ["AccessBot:Targets:prod-db:ConnectionString"] = target.BotConnectionString,
            ["AccessBot:Targets:weak-db:ConnectionString"] = target.ConnectionStringFor(weak, _weakPassword),
            ["AccessBot:Targets:down-db:ConnectionString"] =
                $"Host=127.0.0.1;Port={ClosedPort()};Username=accessbot;Password=hunter2-secret;Database=prod;Timeout=3",
        });
        _provisioner = _host.Get("postgres");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(1, "x\"; drop table t; --")]
    [InlineData(2, "o'reilly')); drop table t; --")]
    [InlineData(3, "rôle ünïcødé 🔑")]
    [InlineData(4, "$$; drop table t; $$")]
    public async Task Hostile_role_names_are_granted_as_names_and_never_run_as_sql(int id, string hostile)
    {
        var role = hostile + target.RunId;
        await target.CreateReaderRoleAsync(role);
        var email = target.Email($"inj{id}");
        var login = PostgresLoginName.For(email);
        var password = await target.CreateLoginAsync(login);
        var context = Context(email, role);

        var granted = await _provisioner.GrantAsync(context, CancellationToken.None);
        var memberAfterGrant = await target.IsMemberAsync(role, login);
        int rows;
        await using (var session = await target.ConnectAsync(login, password))
        {
            rows = await PostgresProvisionerTests.ReadAsync(session);
        }
        var revoked = await _provisioner.RevokeAsync(context, CancellationToken.None);

        Assert.IsType<ProvisionResult.Done>(granted);
        Assert.IsType<ProvisionResult.Done>(revoked);
        Assert.True(memberAfterGrant);
        Assert.Equal(1, rows);
        Assert.False(await target.IsMemberAsync(role, login));
        Assert.True(await target.TableExistsAsync());
    }

    [Fact]
    public async Task Hostile_role_name_that_does_not_exist_fails_permanently_and_runs_nothing()
    {
        var (_, email) = await ArrangeLoginAsync("injmissing");

        var result = await _provisioner.GrantAsync(Context(email, "x\"; drop table t; --"), CancellationToken.None);

        Assert.True(Assert.IsType<ProvisionResult.Failed>(result).Permanent);
        Assert.True(await target.TableExistsAsync());
        Assert.False(await target.RoleExistsAsync("x"));
    }

    [Theory]
    [InlineData(1, "o'brien\"; drop table t; --{0}@example.com")]
    [InlineData(2, "jürgen.müller+{0}@exämple.com")]
    [InlineData(3, "{0} ; select pg_sleep(30); --@example.com")]
    public async Task Hostile_emails_become_plain_login_names_and_are_stored_verbatim(int id, string pattern)
    {
        var email = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, target.RunId);
        var role = target.Name($"emailinj{id}");
        await target.CreateReaderRoleAsync(role);
        var resource = ProvisionerHost.Resource("prod-db", "postgres",
            new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role, ["login"] = "per-user" });

        var granted = await _provisioner.GrantAsync(Context(email, role, ("login", "per-user")), CancellationToken.None);
        var holders = await _provisioner.CheckAsync(resource, CancellationToken.None);

        var login = PostgresLoginName.For(email);
        Assert.IsType<ProvisionResult.Done>(granted);
        Assert.Matches(SafeName(), login);
        Assert.True(await target.IsMemberAsync(role, login));
        Assert.Equal(email, Assert.Single(holders).Email);
        Assert.True(await target.TableExistsAsync());
        Assert.True(await target.RoleExistsAsync(target.BotLogin));
    }

    [Fact]
    public async Task Missing_privilege_on_the_target_is_a_permanent_failure()
    {
        var role = target.Name("weak_rw");
        await target.CreateReaderRoleAsync(role);
        var (_, email) = await ArrangeLoginAsync("weakgrant");

        var result = await _provisioner.GrantAsync(Context(email, role, ("target", "weak-db")), CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.True(failed.Permanent);
        Assert.Contains("42501", failed.Reason, StringComparison.Ordinal);
        Assert.False(await target.IsMemberAsync(role, PostgresLoginName.For(email)));
    }

    [Fact]
    public async Task Unreachable_target_is_a_transient_failure_that_reveals_no_connection_details()
    {
        var result = await _provisioner.GrantAsync(Context(target.Email("down"), "prod_rw", ("target", "down-db")), CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.False(failed.Permanent);
        Assert.DoesNotContain("127.0.0.1", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", failed.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(_host.Logs.Lines, line => line.StartsWith("5003 ", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains("127.0.0.1", StringComparison.Ordinal) || line.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_of_an_unreachable_target_throws_instead_of_reporting_nobody()
    {
        var resource = ProvisionerHost.Resource("down", "postgres", new Dictionary<string, string> { ["target"] = "down-db", ["role"] = "r" });

        var error = await Assert.ThrowsAsync<ProvisionerCheckException>(() => _provisioner.CheckAsync(resource, CancellationToken.None));

        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    private async Task<(string Login, string Email)> ArrangeLoginAsync(string label)
    {
        var email = target.Email(label);
        var login = PostgresLoginName.For(email);
        await target.CreateLoginAsync(login);
        return (login, email);
    }

    private static ProvisioningContext Context(string email, string role, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role };
        foreach (var (key, value) in extra) settings[key] = value;
        return ProvisionerHost.Context(email, "prod-db", "postgres", settings, FarFuture);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^ab_[a-z0-9_]{1,60}$")]
    private static partial Regex SafeName();
}
