using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Postgres;

/// <summary>
/// <c>kind: postgres</c>: makes the requester's login (named by <see cref="PostgresLoginName"/>) a member of the policy's
/// <c>role</c> on the policy's <c>target</c>, and takes it away again.
/// </summary>
/// <remarks>
/// <para>Grant: checks the role exists; with <c>login: per-user</c> creates the login (or re-enables it) with
/// <c>VALID UNTIL</c> at the latest expiry of the person's grants and the principal's email in the role comment; with
/// <c>login: existing</c> requires the login to exist; then <c>GRANT role TO login</c> unless already a member. One transaction.</para>
/// <para>Revoke: <c>REVOKE role FROM login</c> if a member; a per-user login left without any membership is set to
/// <c>NOLOGIN</c>; then (unless <c>terminate_sessions: false</c>) the login's sessions on the target database that started
/// before the revoke are terminated, because a session that ran <c>SET ROLE</c> keeps the role's rights after a REVOKE.
/// Finally the membership and the sessions are checked again; anything left is a transient failure, so the job retries.</para>
/// <para>Both are idempotent. AccessBot never sets or reads a password: the login authenticates by the target's own method.</para>
/// </remarks>
public sealed class PostgresProvisioner(PostgresTargets targets, ILogger<PostgresProvisioner> logger) : IProvisioner
{
    public string Kind => "postgres";

    public async Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Prepare(context, out var settings, out var login, out var dataSource) is { } invalid) return invalid;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await PostgresRoleCatalog.LockLoginAsync(connection, tx, login, ct);
            if (!await PostgresRoleCatalog.RoleExistsAsync(connection, tx, settings.Role, ct))
                return new ProvisionResult.Failed($"Role '{settings.Role}' does not exist on target '{settings.Target}'.", Permanent: true);

            var existing = await PostgresRoleCatalog.FindLoginAsync(connection, tx, login, ct);
            DateTimeOffset? validUntil = null;
            if (settings.Login == PostgresLoginMode.PerUser)
            {
                validUntil = Later(context.ExpiresAt, existing);
                await EnableLoginAsync(connection, tx, login, existing is not null, validUntil.Value, context.Principal.Email, ct);
            }
            else if (existing is null)
            {
                return new ProvisionResult.Failed(
                    $"Login '{login}' for {context.Principal.Email} does not exist on target '{settings.Target}'; " +
                    "create it or set 'login: per-user'.", Permanent: true);
            }

            var alreadyMember = await PostgresRoleCatalog.IsMemberAsync(connection, tx, settings.Role, login, ct);
            if (!alreadyMember) await PostgresRoleCatalog.ExecuteFormattedAsync(connection, tx, "GRANT %I TO %I", ct, settings.Role, login);
            await tx.CommitAsync(ct);

            Log.Granted(logger, settings.Role, login, settings.Target, context.RequestId.Value);
            var until = validUntil is { } v ? $", login valid until {v.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "";
            return new ProvisionResult.Done(
                $"{(alreadyMember ? "already granted" : "granted")}: role {settings.Role} to login {login} on target {settings.Target}{until}");
        }
        catch (Exception e) when (PostgresFailures.IsExpected(e, ct))
        {
            return Fail(e, "grant", settings.Target);
        }
    }

    public async Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Prepare(context, out var settings, out var login, out var dataSource) is { } invalid) return invalid;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var wasMember = await RevokeMembershipAsync(connection, settings, login, ct);
            if (wasMember is null)
                return new ProvisionResult.Done($"nothing to revoke: role {settings.Role} or login {login} does not exist on target {settings.Target}");

            // Taken after the commit: a session that started later cannot have assumed the role.
            var revokedAt = await PostgresRoleCatalog.ClockAsync(connection, ct);
            long terminated = 0;
            if (settings.TerminateSessions)
                terminated = await PostgresRoleCatalog.TerminateSessionsAsync(connection, login, revokedAt, ct);

            if (await VerifyAsync(connection, settings, login, revokedAt, ct) is { } incomplete)
            {
                Log.RevokeIncomplete(logger, settings.Role, login, settings.Target, incomplete);
                return new ProvisionResult.Failed(incomplete, Permanent: false);
            }

            Log.Revoked(logger, settings.Role, login, settings.Target, context.RequestId.Value, (int)terminated);
            return new ProvisionResult.Done(
                $"{(wasMember.Value ? "revoked" : "already revoked")}: role {settings.Role} from login {login} on target {settings.Target}, " +
                $"{terminated} session(s) terminated");
        }
        catch (Exception e) when (PostgresFailures.IsExpected(e, ct))
        {
            return Fail(e, "revoke", settings.Target);
        }
    }

    /// <summary>The role's direct members; the email is filled in when the member follows the naming rule.</summary>
    /// <exception cref="ProvisionerCheckException">The settings are invalid or the target cannot be read.</exception>
    public async Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(ResourcePolicy resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!PostgresSettings.TryParse(resource.Provisioner.Settings, out var settings, out var error))
            throw new ProvisionerCheckException(error);
        if (!targets.TryGet(settings.Target, out var dataSource))
            throw new ProvisionerCheckException(MissingTarget(settings.Target));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var members = await PostgresRoleCatalog.ListMembersAsync(connection, settings.Role, ct);
            return [.. members.Select(m => new ProvisionedAccess(m.Name, EmailOf(m)))];
        }
        catch (Exception e) when (PostgresFailures.IsExpected(e, ct))
        {
            throw new ProvisionerCheckException(Fail(e, "check", settings.Target).Reason);
        }
    }

    private ProvisionResult.Failed? Prepare(
        ProvisioningContext context, out PostgresSettings settings, out string login, out NpgsqlDataSource dataSource)
    {
        settings = null!;
        login = "";
        dataSource = null!;
        if (!PostgresSettings.TryParse(context.Resource.Provisioner.Settings, out var parsed, out var error))
            return new ProvisionResult.Failed(error, Permanent: true);
        settings = parsed;
        if (!PostgresLoginName.IsValidEmail(context.Principal.Email))
            return new ProvisionResult.Failed("The principal has no usable email to derive a database login from.", Permanent: true);
        login = PostgresLoginName.For(context.Principal.Email);
        if (!targets.TryGet(parsed.Target, out var source))
            return new ProvisionResult.Failed(MissingTarget(parsed.Target), Permanent: true);
        dataSource = source;
        return null;
    }

    private static async Task EnableLoginAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, string login, bool exists, DateTimeOffset validUntil, string email, CancellationToken ct)
    {
        if (exists)
        {
            await PostgresRoleCatalog.ExecuteFormattedAsync(connection, tx, "ALTER ROLE %I LOGIN VALID UNTIL %L", ct, login, validUntil);
            return;
        }
        await PostgresRoleCatalog.ExecuteFormattedAsync(connection, tx, "CREATE ROLE %I LOGIN INHERIT VALID UNTIL %L", ct, login, validUntil);
        await PostgresRoleCatalog.ExecuteFormattedAsync(
            connection, tx, "COMMENT ON ROLE %I IS %L", ct, login, PostgresRoleCatalog.CommentPrefix + email.Trim());
    }

    /// <summary>Null when the role or the login does not exist; otherwise whether a membership was removed.</summary>
    private static async Task<bool?> RevokeMembershipAsync(NpgsqlConnection connection, PostgresSettings settings, string login, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await PostgresRoleCatalog.LockLoginAsync(connection, tx, login, ct);
        if (!await PostgresRoleCatalog.RoleExistsAsync(connection, tx, settings.Role, ct)) return null;
        if (await PostgresRoleCatalog.FindLoginAsync(connection, tx, login, ct) is not { } existing) return null;

        var wasMember = await PostgresRoleCatalog.IsMemberAsync(connection, tx, settings.Role, login, ct);
        if (wasMember) await PostgresRoleCatalog.ExecuteFormattedAsync(connection, tx, "REVOKE %I FROM %I", ct, settings.Role, login);
        if (settings.Login == PostgresLoginMode.PerUser && existing.CanLogin
            && await PostgresRoleCatalog.CountMembershipsAsync(connection, tx, login, ct) == 0)
        {
            await PostgresRoleCatalog.ExecuteFormattedAsync(connection, tx, "ALTER ROLE %I NOLOGIN VALID UNTIL %L", ct, login,
                await PostgresRoleCatalog.ClockAsync(connection, ct));
        }
        await tx.CommitAsync(ct);
        return wasMember;
    }

    private static async Task<string?> VerifyAsync(
        NpgsqlConnection connection, PostgresSettings settings, string login, DateTimeOffset revokedAt, CancellationToken ct)
    {
        if (await PostgresRoleCatalog.IsMemberAsync(connection, null, settings.Role, login, ct))
        {
            return $"Login {login} is still a member of role {settings.Role} on target {settings.Target} after REVOKE " +
                   "(was the membership granted by another role?).";
        }
        if (!settings.TerminateSessions) return null;
        var left = await PostgresRoleCatalog.CountSessionsAsync(connection, login, revokedAt, ct);
        return left == 0 ? null : $"{left} session(s) of login {login} are still open on target {settings.Target} after termination.";
    }

    private static DateTimeOffset Later(DateTimeOffset expiresAt, PostgresLogin? existing) =>
        existing?.ValidUntil is { } current && current > expiresAt ? current : expiresAt;

    private static string? EmailOf(PostgresRoleMember member)
    {
        if (member.Comment is { } comment && comment.StartsWith(PostgresRoleCatalog.CommentPrefix, StringComparison.Ordinal))
        {
            var email = comment[PostgresRoleCatalog.CommentPrefix.Length..];
            // A comment only counts when it agrees with the name, so editing a comment cannot attribute access to someone else.
            if (PostgresLoginName.Matches(member.Name, email)) return email;
        }
        return PostgresLoginName.TryGetEmail(member.Name, out var derived) ? derived : null;
    }

    private static string MissingTarget(string target) =>
        $"Target '{target}' has no connection string configured (AccessBot:Targets:{target}:ConnectionString).";

    private ProvisionResult.Failed Fail(Exception e, string operation, string target)
    {
        var failure = PostgresFailures.From(e, operation, target);
        Log.Failed(logger, operation, target, e.GetType().Name, PostgresFailures.SqlState(e), failure.Permanent);
        return failure;
    }
}
