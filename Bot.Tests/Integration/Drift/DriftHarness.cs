using System.Text.Json.Nodes;
using AccessBot.Host.Cli.Access;
using AccessBot.Host.Cli.Request;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Drift;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Npgsql;

namespace AccessBot.Tests.Integration.Drift;

/// <summary>
/// The engine harness with a resource of its own (a unique name, so tests sharing the collection database do not see each
/// other's grants or findings) whose provisioner is a Moq port: grants succeed, CheckAsync returns <see cref="Holders"/>.
/// </summary>
public sealed class DriftHarness : IAsyncDisposable
{
    public DriftHarness(NpgsqlDataSource dataSource, IDictionary<string, string>? settings = null)
    {
        Resource = $"drift-{Guid.NewGuid():N}";
        Provisioner.SetupGet(p => p.Kind).Returns(FakeProvisioner.KindName);
        Provisioner.Setup(p => p.GrantAsync(It.IsAny<ProvisioningContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProvisionResult.Done("granted"));
        Provisioner.Setup(p => p.RevokeAsync(It.IsAny<ProvisioningContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProvisionResult.Done("revoked in target"));
        Provisioner.Setup(p => p.CheckAsync(It.Is<ResourcePolicy>(r => r.Name == Resource), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Holders);

        var policy = EngineHarness.DefaultPolicy();
        var template = policy.FindResource("prod-db")!;
        var resources = policy.Resources.Where(r => r.Value.Provisioner.Kind == ManualProvisioner.KindName)
            .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        resources[Resource] = template with
        {
            Name = Resource,
            ReasonRequired = false,
            Provisioner = new ProvisionerSpec(FakeProvisioner.KindName, new Dictionary<string, string>(settings ?? new Dictionary<string, string>())),
        };
        // Only this test's resource uses the fake kind, so a sweep checks nothing but it.
        Engine = new EngineHarness(dataSource, policy with { Resources = resources }, configure: s =>
        {
            s.AddSingleton(Provisioner.Object);
            s.AddRequestVerbs();
            s.AddAccessVerbs();
        });
    }

    public EngineHarness Engine { get; }

    public string Resource { get; }

    public Mock<IProvisioner> Provisioner { get; } = new();

    public IReadOnlyList<ProvisionedAccess> Holders { get; set; } = [];

    public DriftDetector Detector => Engine.Get<DriftDetector>();

    /// <summary>The audit events about this test's resource that were not written for a request.</summary>
    public async Task<List<(string Action, JsonObject Details)>> DriftAuditAsync()
    {
        await using var command = Engine.DataSource.CreateCommand(
            "select action, details::text from audit_events where resource = $1 and action like 'drift.%' order by seq");
        command.Parameters.Add(new NpgsqlParameter { Value = Resource });
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<(string, JsonObject)>();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject()));
        return list;
    }

    public async Task<AuditEvent> LastDriftEventAsync(string action)
    {
        await using var command = Engine.DataSource.CreateCommand(
            "select seq, at, actor, platform, action, request_id, resource, details::text, permalink, prev_hash, hash " +
            "from audit_events where resource = $1 and action = $2 order by seq desc limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = Resource });
        command.Parameters.Add(new NpgsqlParameter { Value = action });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new AuditEvent(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetString(6),
            JsonNode.Parse(reader.GetString(7))!.AsObject(), null, (byte[])reader[9], (byte[])reader[10]);
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
