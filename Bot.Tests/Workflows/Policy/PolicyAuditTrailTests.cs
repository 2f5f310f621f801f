using System.Text.Json.Nodes;
using System.Threading.Channels;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AccessBot.Tests.Workflows.Policy;

[Collection(nameof(PostgresCollection))]
public sealed class PolicyAuditTrailTests(PostgresFixture database) : IDisposable
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(20);
    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Start_up_changes_and_refused_edits_land_in_the_audit_log_in_order()
    {
        var dataSource = database.DataSource;
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = new FilePolicyProvider(path, TimeProvider.System, NullLogger<FilePolicyProvider>.Instance);
        var first = provider.Current.Version;
        using var trail = new PolicyAuditTrail(provider, new PostgresAuditLog(), dataSource, TimeProvider.System, NullLogger<PolicyAuditTrail>.Instance);
        var appended = Channel.CreateUnbounded<string>();
        trail.Appended += (record, _) => appended.Writer.TryWrite(record.Action);
        await trail.StartAsync(CancellationToken.None);

        Assert.Equal("policy.loaded", await NextAsync(appended));
        _folder.Write(PolicyYaml.With("max_duration: 4h", "max_duration: 3h"));
        provider.Reload();
        provider.Reload();   // unchanged: not audited
        Assert.Equal("policy.changed", await NextAsync(appended));
        _folder.Write(PolicyYaml.With("max_duration: 4h", "max_duration: 4x"));
        provider.Reload();
        Assert.Equal("policy.change_refused", await NextAsync(appended));
        await trail.StopAsync(CancellationToken.None);

        var rows = await ReadAuditAsync(dataSource, path);
        Assert.Equal(["policy.loaded", "policy.changed", "policy.change_refused"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("system:policy", r.Actor));
        Assert.Equal(first, (string?)rows[0].Details["version"]);
        Assert.Equal(first, (string?)rows[1].Details["previous_version"]);
        Assert.Equal(provider.Current.Version, (string?)rows[1].Details["version"]);
        Assert.Equal(provider.Current.Version, (string?)rows[2].Details["version_in_force"]);
        Assert.Equal("resources.prod-db.max_duration", (string?)rows[2].Details["fields"]![0]);
        Assert.DoesNotContain("4x", rows[2].Details.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<string> NextAsync(Channel<string> channel)
    {
        using var timeout = new CancellationTokenSource(SignalTimeout);
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>This test's events only: the collection's database is shared, the temporary file path is not.</summary>
    private static async Task<List<(string Action, string Actor, JsonObject Details)>> ReadAuditAsync(NpgsqlDataSource dataSource, string file)
    {
        var rows = new List<(string, string, JsonObject)>();
        await using var command = dataSource.CreateCommand(
            "select action, actor, details::text from audit_events where action like 'policy.%' and details->>'file' = $1 order by seq");
        command.Parameters.Add(new NpgsqlParameter { Value = file });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject()));
        return rows;
    }
}
