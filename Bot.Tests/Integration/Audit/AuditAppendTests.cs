using System.Text;
using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;

namespace AccessBot.Tests.Integration.Audit;

public sealed class AuditAppendTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>
{
    [Fact]
    public async Task Parallel_appends_produce_a_gap_free_chain_that_verifies()
    {
        var db = await database.ResetAsync();

        var seqs = await Task.WhenAll(Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < 20; i++)
                mine.Add(await AuditTestLog.Log.AppendAsync(db, AuditTestLog.Record(worker * 100 + i), CancellationToken.None));
            return mine;
        })));
        var result = await new AuditVerifier().VerifyAsync(db, [], CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 640).Select(i => (long)i), seqs.SelectMany(s => s).Order());
        Assert.True(result.IsIntact, result.FirstDamage?.Description);
        Assert.Equal(640, result.EventsChecked);
    }

    [Theory]
    [InlineData(false, "on")]
    [InlineData(true, "off")]
    public async Task Batched_appends_can_ask_for_a_commit_that_does_not_wait_for_the_flush_for_their_transaction_only(
        bool asynchronousCommit, string during)
    {
        var db = await database.ResetAsync();
        await using var connection = await db.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = new Npgsql.NpgsqlBatch(connection, transaction);
            AuditTestLog.Log.AddAppends(batch, [AuditTestLog.Record(1)], asynchronousCommit);
            batch.BatchCommands.Add(new Npgsql.NpgsqlBatchCommand("select current_setting('synchronous_commit')"));
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                await reader.NextResultAsync();
                await reader.NextResultAsync();
                await reader.ReadAsync();
                Assert.Equal(during, reader.GetString(0));
            }
            await transaction.CommitAsync();
        }
        await using var after = new Npgsql.NpgsqlCommand("select current_setting('synchronous_commit')", connection);

        Assert.Equal("on", await after.ExecuteScalarAsync());
        Assert.True((await new AuditVerifier().VerifyAsync(db, [], CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Details_that_jsonb_reorders_and_re_escapes_still_verify()
    {
        var db = await database.ResetAsync();
        var details = new JsonObject
        {
            ["zeta"] = "last by name, first in jsonb's length order",
            ["a"] = "Grüße, 東京, emoji 🔐, \"quoted\", back\\slash, tab\tnew\nline, bell\u0007",
            ["nested"] = new JsonObject { ["b"] = new JsonArray(1, -2, 9007199254740993, true, false, null), ["a"] = new JsonObject() },
            ["é"] = 1,
            ["e"] = 2,
            ["decimals"] = new JsonArray(1.5, 0.1, 1e20, -0.0, 1.25e-7),
            ["bool"] = true,
        };

        await AuditTestLog.Log.AppendAsync(db, AuditTestLog.Record(1) with { Details = details }, CancellationToken.None);
        await AuditTestLog.Log.AppendAsync(db, AuditTestLog.Record(2), CancellationToken.None);
        var result = await new AuditVerifier().VerifyAsync(db, [], CancellationToken.None);

        Assert.True(result.IsIntact, result.FirstDamage?.Description);
        Assert.Equal(2, result.EventsChecked);
    }

    [Theory]
    [InlineData("1"), InlineData("-0"), InlineData("0.0"), InlineData("-0.0"), InlineData("1e2"), InlineData("1E+2")]
    [InlineData("1.50e-1"), InlineData("12e-5"), InlineData("-3.14159"), InlineData("0.5e1"), InlineData("0.05e1")]
    [InlineData("123456789012345678901234567890"), InlineData("1.0000"), InlineData("25e-1")]
    public async Task Numbers_are_canonicalised_exactly_as_jsonb_prints_them(string number)
    {
        var canonical = AuditCanonicalForm.CanonicalJson(JsonNode.Parse($"{{\"n\":{number}}}"));
        await using var command = database.DataSource.CreateCommand($"select ('{{\"n\": {number}}}'::jsonb)::text");
        var stored = (string)(await command.ExecuteScalarAsync())!;

        Assert.Equal(canonical, AuditCanonicalForm.CanonicalJson(Encoding.UTF8.GetBytes(stored)));
    }

    [Fact]
    public async Task Details_holding_U0000_are_refused_before_anything_is_written()
    {
        var db = await database.ResetAsync();
        var record = AuditTestLog.Record(1) with { Details = new JsonObject { ["bad"] = "nul\u0000here" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AuditTestLog.Log.AppendAsync(db, record, CancellationToken.None));

        Assert.Contains("U+0000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await AuditTestLog.ScalarAsync(db, "select count(*) from audit_events"));
    }

    [Fact]
    public async Task An_append_rolled_back_with_its_transaction_leaves_no_trace()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 2);

        await using (var connection = await db.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await AuditTestLog.Log.AppendAsync(transaction, AuditTestLog.Record(3), CancellationToken.None);
            await transaction.RollbackAsync();
        }
        var seq = await AuditTestLog.Log.AppendAsync(db, AuditTestLog.Record(4), CancellationToken.None);
        var result = await new AuditVerifier().VerifyAsync(db, [], CancellationToken.None);

        Assert.Equal(3, seq);
        Assert.True(result.IsIntact, result.FirstDamage?.Description);
    }

    [Fact]
    public async Task The_database_hashes_each_row_exactly_as_the_canonical_form_in_dotnet_does()
    {
        var db = await database.ResetAsync();
        var records = new[]
        {
            new AuditRecord(new Actor(null, "Zoë Ålund <z@example.com>", "slack", "https://chat.example/m/ü?x=1&y=2"),
                "request.submitted", new RequestId(long.MaxValue), "prod-db", new JsonObject { ["reason"] = "東京 🔐" }),
            new AuditRecord(new Actor(null, "system:reconcile", "system", null), "grant.expired", null, null, null),
            new AuditRecord(new Actor(null, "", "cli", ""), "", new RequestId(0), "", new JsonObject()),
        };

        foreach (var record in records) await AuditTestLog.Log.AppendAsync(db, record, CancellationToken.None);
        await using var command = db.CreateCommand(
            "select seq, at, actor, platform, action, request_id, resource, details::text, permalink, prev_hash, hash from audit_events order by seq");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            var expected = AuditCanonicalForm.ComputeHash(
                reader.GetFieldValue<byte[]>(9), reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), AuditCanonicalForm.CanonicalJson(Encoding.UTF8.GetBytes(reader.GetString(7))),
                reader.IsDBNull(8) ? null : reader.GetString(8));
            Assert.Equal(expected, reader.GetFieldValue<byte[]>(10));
            rows++;
        }
        Assert.Equal(records.Length, rows);
    }
}
