using Npgsql;

namespace AccessBot.Workflows.Identity;

/// <summary>
/// <c>principals</c> on PostgreSQL. Emails compare case-insensitively (a unique index on <c>lower(email)</c>); a platform
/// identity belongs to one principal at a time, so re-linking it to another email moves it.
/// </summary>
public sealed class PostgresPrincipalDirectory(NpgsqlDataSource dataSource, IEnumerable<IdentityColumn> identityColumns)
    : IPrincipalDirectory
{
    private readonly Dictionary<string, string> _columns = identityColumns
        .Where(c => IdentityColumn.Known.Contains(c.Column))
        .DistinctBy(c => c.Platform, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(c => c.Platform, c => c.Column, StringComparer.OrdinalIgnoreCase);

    private const string Columns = "id, email, display_name, slack_user_id, teams_aad_object_id";

    public async Task<Principal> ResolveByEmailAsync(string email, string displayName, CancellationToken ct)
    {
        var normalized = NormalizeEmail(email);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await UpsertAsync(connection, null, normalized, displayName, ct);
    }

    public async Task<Principal> LinkAsync(string email, string displayName, PlatformIdentity identity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var normalized = NormalizeEmail(email);
        var column = ColumnFor(identity.Platform);
        if (string.IsNullOrWhiteSpace(identity.UserId)) throw new ArgumentException("The platform user id is empty.", nameof(identity));

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var principal = await UpsertAsync(connection, transaction, normalized, displayName, ct);
        // The column name is one of IdentityColumn.Known, never input.
        await using (var release = new NpgsqlCommand(
            $"update principals set {column} = null, updated_at = now() where {column} = @user and id <> @id", connection, transaction))
        {
            release.Parameters.AddWithValue("user", identity.UserId);
            release.Parameters.AddWithValue("id", principal.Id.Value);
            await release.ExecuteNonQueryAsync(ct);
        }
        await using var link = new NpgsqlCommand(
            $"update principals set {column} = @user, updated_at = now() where id = @id returning {Columns}", connection, transaction);
        link.Parameters.AddWithValue("user", identity.UserId);
        link.Parameters.AddWithValue("id", principal.Id.Value);
        Principal linked;
        await using (var reader = await link.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            linked = Map(reader);
        }
        await transaction.CommitAsync(ct);
        return linked;
    }

    public async Task<Principal?> FindAsync(PlatformIdentity identity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var column = ColumnFor(identity.Platform);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"select {Columns} from principals where {column} = @user", connection);
        command.Parameters.AddWithValue("user", identity.UserId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Map(reader) : null;
    }

    public async Task<Principal?> FindByEmailAsync(string email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"select {Columns} from principals where lower(email) = lower(@email)", connection);
        command.Parameters.AddWithValue("email", email.Trim());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Map(reader) : null;
    }

    private static async Task<Principal> UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string email, string displayName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            insert into principals (id, email, display_name) values (@id, @email, @name)
            on conflict (lower(email)) do update set display_name = excluded.display_name, updated_at = now()
            returning {Columns}
            """, connection, transaction);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("name", string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Map(reader);
    }

    private static string NormalizeEmail(string email)
    {
        var trimmed = email?.Trim() ?? "";
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1 || trimmed.Any(char.IsWhiteSpace))
            throw new ArgumentException("Not an email address.", nameof(email));
        return trimmed;
    }

    /// <summary>The registered platform's identity column (one of the data model's); anything else is refused.</summary>
    private string ColumnFor(string platform) =>
        platform is not null && _columns.TryGetValue(platform, out var column)
            ? column
            : throw new ArgumentException($"Unknown identity platform '{platform}'.", nameof(platform));

    private static Principal Map(NpgsqlDataReader r) => new(
        new PrincipalId(r.GetGuid(0)), r.GetString(1), r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));
}
