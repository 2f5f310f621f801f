using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

internal static class SqlCommandExtensions
{
    public static NpgsqlCommand WithParameters(this NpgsqlCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static async Task<int> ExecuteAndDisposeAsync(this NpgsqlCommand command, CancellationToken ct)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A <c>timestamptz</c> read as a scalar (Npgsql returns a UTC <see cref="DateTime"/>).</summary>
    public static DateTimeOffset AsUtc(object? value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException("Expected a timestamp from the database."),
    };

    public static async Task<object?> ScalarAndDisposeAsync(this NpgsqlCommand command, CancellationToken ct)
    {
        await using (command)
        {
            var value = await command.ExecuteScalarAsync(ct);
            return value is DBNull ? null : value;
        }
    }
}
