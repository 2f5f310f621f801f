using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Postgres;
using Npgsql;

namespace AccessBot.Tests.Integration.Provisioning;

public sealed class PostgresProvisionerTests(PostgresTargetFixture target) : IClassFixture<PostgresTargetFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset FarFuture = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
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
    public async Task Granted_login_can_read_and_gets_permission_denied_after_revoke()
    {
        var (role, email, login, password) = await ArrangeExistingLoginAsync("cycle");
        var context = Context(email, role);

        var granted = await _provisioner.GrantAsync(context, CancellationToken.None);
        await using (var session = await target.ConnectAsync(login, password))
        {
            Assert.Equal(1, await ReadAsync(session));
        }
        var revoked = await _provisioner.RevokeAsync(context, CancellationToken.None);
        await using var after = await target.ConnectAsync(login, password);
        var denied = await Assert.ThrowsAsync<PostgresException>(() => ReadAsync(after));

        Assert.IsType<ProvisionResult.Done>(granted);
        Assert.IsType<ProvisionResult.Done>(revoked);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    [Fact]
    public async Task Session_that_assumed_the_role_before_revoke_is_terminated()
    {
        var (role, email, login, password) = await ArrangeExistingLoginAsync("setrole");
        var context = Context(email, role);
        await _provisioner.GrantAsync(context, CancellationToken.None);
        await using var session = await target.ConnectAsync(login, password);
        await SetRoleAsync(session, role);
        Assert.Equal(1, await ReadAsync(session));

        var revoked = await _provisioner.RevokeAsync(context, CancellationToken.None);

        Assert.Contains("1 session(s) terminated", Assert.IsType<ProvisionResult.Done>(revoked).Detail, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ReadAsync(session));
    }

    [Fact]
    public async Task With_terminate_sessions_off_a_session_that_assumed_the_role_keeps_reading()
    {
        var (role, email, login, password) = await ArrangeExistingLoginAsync("keep");
        var context = Context(email, role, ("terminate_sessions", "false"));
        await _provisioner.GrantAsync(context, CancellationToken.None);
        await using var session = await target.ConnectAsync(login, password);
        await SetRoleAsync(session, role);

        var revoked = await _provisioner.RevokeAsync(context, CancellationToken.None);

        Assert.IsType<ProvisionResult.Done>(revoked);
        Assert.False(await target.IsMemberAsync(role, login));
        Assert.Equal(1, await ReadAsync(session));
    }

    [Fact]
    public async Task Per_user_login_is_created_with_valid_until_at_the_expiry_and_the_email_in_its_comment()
    {
        var role = target.Name("peruser_role");
        await target.CreateReaderRoleAsync(role);
        var email = target.Email("carol");
        var expiresAt = await ExpiryAsync(TimeSpan.FromHours(2));

        var granted = await _provisioner.GrantAsync(Context(email, role, expiresAt, ("login", "per-user")), CancellationToken.None);

        var login = PostgresLoginName.For(email);
        Assert.IsType<ProvisionResult.Done>(granted);
        Assert.True(await target.ScalarAsync<bool>("select rolcanlogin from pg_roles where rolname = $1", login));
        Assert.Equal(expiresAt, await target.ScalarAsync<DateTimeOffset>("select rolvaliduntil from pg_roles where rolname = $1", login));
        Assert.Equal("accessbot:principal=" + email,
            await target.ScalarAsync<string>("select shobj_description(oid, 'pg_authid') from pg_roles where rolname = $1", login));
        Assert.True(await target.IsMemberAsync(role, login));
    }

    [Fact]
    public async Task Per_user_login_can_read_while_granted_and_cannot_log_in_after_revoke()
    {
        var role = target.Name("peruser_cycle");
        await target.CreateReaderRoleAsync(role);
        var email = target.Email("dave");
        var context = Context(email, role, ("login", "per-user"));
        await _provisioner.GrantAsync(context, CancellationToken.None);
        var login = PostgresLoginName.For(email);
        var password = await target.SetPasswordAsync(login);
        await using (var session = await target.ConnectAsync(login, password))
        {
            Assert.Equal(1, await ReadAsync(session));
        }

        var revoked = await _provisioner.RevokeAsync(context, CancellationToken.None);

        Assert.IsType<ProvisionResult.Done>(revoked);
        Assert.False(await target.ScalarAsync<bool>("select rolcanlogin from pg_roles where rolname = $1", login));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => target.ConnectAsync(login, password));
        // 28P01 (VALID UNTIL moved to the revoke) or 28000 (NOLOGIN): either way the login is refused.
        Assert.StartsWith("28", refused.SqlState, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_grant_of_a_per_user_login_keeps_the_later_valid_until()
    {
        var role = target.Name("extend");
        await target.CreateReaderRoleAsync(role);
        var email = target.Email("erin");
        var later = await ExpiryAsync(TimeSpan.FromHours(4));
        var earlier = later.AddHours(-3);

        await _provisioner.GrantAsync(Context(email, role, later, ("login", "per-user")), CancellationToken.None);
        var again = await _provisioner.GrantAsync(Context(email, role, earlier, ("login", "per-user")), CancellationToken.None);

        Assert.IsType<ProvisionResult.Done>(again);
        Assert.Equal(later, await target.ScalarAsync<DateTimeOffset>(
            "select rolvaliduntil from pg_roles where rolname = $1", PostgresLoginName.For(email)));
    }

    [Fact]
    public async Task Grant_twice_and_revoke_twice_all_succeed_quietly()
    {
        var (role, email, login, _) = await ArrangeExistingLoginAsync("twice");
        var context = Context(email, role);

        var results = new[]
        {
            await _provisioner.GrantAsync(context, CancellationToken.None),
            await _provisioner.GrantAsync(context, CancellationToken.None),
        };
        var memberAfterGrants = await target.IsMemberAsync(role, login);
        results = [.. results, await _provisioner.RevokeAsync(context, CancellationToken.None), await _provisioner.RevokeAsync(context, CancellationToken.None)];

        Assert.All(results, r => Assert.IsType<ProvisionResult.Done>(r));
        Assert.StartsWith("already granted", ((ProvisionResult.Done)results[1]).Detail, StringComparison.Ordinal);
        Assert.StartsWith("already revoked", ((ProvisionResult.Done)results[3]).Detail, StringComparison.Ordinal);
        Assert.True(memberAfterGrants);
        Assert.False(await target.IsMemberAsync(role, login));
    }

    [Fact]
    public async Task Retried_revoke_after_a_half_done_attempt_still_terminates_the_sessions()
    {
        var (role, email, login, password) = await ArrangeExistingLoginAsync("half");
        var context = Context(email, role);
        await _provisioner.GrantAsync(context, CancellationToken.None);
        await using var session = await target.ConnectAsync(login, password);
        await SetRoleAsync(session, role);
        // A first attempt that revoked and then died before terminating anything.
        await target.ExecAsAdminFormattedAsync("REVOKE %I FROM %I", role, login);

        var retried = await _provisioner.RevokeAsync(context, CancellationToken.None);

        Assert.Contains("1 session(s) terminated", Assert.IsType<ProvisionResult.Done>(retried).Detail, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ReadAsync(session));
    }

    [Fact]
    public async Task Retried_grant_after_the_per_user_login_was_created_completes_the_grant()
    {
        var role = target.Name("halfgrant");
        await target.CreateReaderRoleAsync(role);
        var email = target.Email("frank");
        var login = PostgresLoginName.For(email);
        await target.ExecAsAdminFormattedAsync("CREATE ROLE %I NOLOGIN", login);

        var granted = await _provisioner.GrantAsync(Context(email, role, ("login", "per-user")), CancellationToken.None);

        Assert.IsType<ProvisionResult.Done>(granted);
        Assert.True(await target.IsMemberAsync(role, login));
        Assert.True(await target.ScalarAsync<bool>("select rolcanlogin from pg_roles where rolname = $1", login));
    }

    [Fact]
    public async Task Concurrent_grants_for_the_same_new_per_user_login_both_succeed()
    {
        var first = target.Name("race_a");
        var second = target.Name("race_b");
        await target.CreateReaderRoleAsync(first);
        await target.CreateReaderRoleAsync(second);
        var email = target.Email("kate");

        var results = await Task.WhenAll(
            _provisioner.GrantAsync(Context(email, first, ("login", "per-user")), CancellationToken.None),
            _provisioner.GrantAsync(Context(email, second, ("login", "per-user")), CancellationToken.None));

        Assert.All(results, r => Assert.IsType<ProvisionResult.Done>(r));
        Assert.True(await target.IsMemberAsync(first, PostgresLoginName.For(email)));
        Assert.True(await target.IsMemberAsync(second, PostgresLoginName.For(email)));
    }

    [Fact]
    public async Task Per_user_login_stays_enabled_while_another_grant_is_active()
    {
        var first = target.Name("two_a");
        var second = target.Name("two_b");
        await target.CreateReaderRoleAsync(first);
        await target.CreateReaderRoleAsync(second);
        var email = target.Email("leo");
        await _provisioner.GrantAsync(Context(email, first, ("login", "per-user")), CancellationToken.None);
        await _provisioner.GrantAsync(Context(email, second, ("login", "per-user")), CancellationToken.None);

        var revoked = await _provisioner.RevokeAsync(Context(email, first, ("login", "per-user")), CancellationToken.None);

        Assert.IsType<ProvisionResult.Done>(revoked);
        Assert.True(await target.ScalarAsync<bool>("select rolcanlogin from pg_roles where rolname = $1", PostgresLoginName.For(email)));
        Assert.True(await target.IsMemberAsync(second, PostgresLoginName.For(email)));
    }

    [Fact]
    public async Task Missing_role_is_a_permanent_failure()
    {
        var (_, email, _, _) = await ArrangeExistingLoginAsync("norole");

        var result = await _provisioner.GrantAsync(Context(email, target.Name("does_not_exist")), CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.True(failed.Permanent);
        Assert.Contains("does not exist", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_mode_without_the_login_is_a_permanent_failure()
    {
        var role = target.Name("nologin");
        await target.CreateReaderRoleAsync(role);

        var result = await _provisioner.GrantAsync(Context(target.Email("ghost"), role), CancellationToken.None);

        Assert.True(Assert.IsType<ProvisionResult.Failed>(result).Permanent);
        Assert.False(await target.RoleExistsAsync(PostgresLoginName.For(target.Email("ghost"))));
    }

    [Fact]
    public async Task Revoke_of_a_login_that_never_existed_is_done()
    {
        var role = target.Name("neverheld");
        await target.CreateReaderRoleAsync(role);

        var result = await _provisioner.RevokeAsync(Context(target.Email("nobody"), role), CancellationToken.None);

        Assert.StartsWith("nothing to revoke", Assert.IsType<ProvisionResult.Done>(result).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfigured_target_is_a_permanent_failure()
    {
        var role = target.Name("unconfigured");

        var result = await _provisioner.GrantAsync(
            ProvisionerHost.Context(target.Email("x"), "other-db", "postgres",
                new Dictionary<string, string> { ["target"] = "other-db", ["role"] = role }, FarFuture),
            CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.True(failed.Permanent);
        Assert.Contains("AccessBot:Targets:other-db:ConnectionString", failed.Reason, StringComparison.Ordinal);
    }

    private async Task<(string Role, string Email, string Login, string Password)> ArrangeExistingLoginAsync(string label)
    {
        var role = target.Name(label + "_rw");
        await target.CreateReaderRoleAsync(role);
        var email = target.Email(label);
        var login = PostgresLoginName.For(email);
        var password = await target.CreateLoginAsync(login);
        return (role, email, login, password);
    }

    private ProvisioningContext Context(string email, string role, params (string Key, string Value)[] extra) =>
        Context(email, role, FarFuture, extra);

    private static ProvisioningContext Context(string email, string role, DateTimeOffset expiresAt, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = role };
        foreach (var (key, value) in extra) settings[key] = value;
        return ProvisionerHost.Context(email, "prod-db", "postgres", settings, expiresAt);
    }

    private async Task<DateTimeOffset> ExpiryAsync(TimeSpan from) =>
        await target.ScalarAsync<DateTimeOffset>("select date_trunc('second', now() + $1)", from);

    internal static async Task<int> ReadAsync(NpgsqlConnection session)
    {
        await using var command = new NpgsqlCommand("select count(*)::int from t", session);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task SetRoleAsync(NpgsqlConnection session, string role)
    {
        await using var format = new NpgsqlCommand("select format('SET ROLE %I', $1::text)", session);
        format.Parameters.Add(new NpgsqlParameter { Value = role });
        var statement = (string)(await format.ExecuteScalarAsync())!;
        await using var command = new NpgsqlCommand(statement, session);
        await command.ExecuteNonQueryAsync();
    }
}
