using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccessBot.Tests.Fixtures;
using Npgsql;
using Xunit.Abstractions;

namespace AccessBot.Tests.Adapters.Teams.Playground;

/// <summary>
/// The real host (<c>Bot.Host.dll serve</c>, Teams anonymous mode, Development) and the real Microsoft 365 Agents Playground
/// started by <c>teams-app/playground.sh</c>, both on 127.0.0.1, driven through the playground's own HTTP and WebSocket API
/// with the mock tenant shipped in <c>teams-app/playground/playground.yml</c>.
/// </summary>
public sealed partial class AgentsPlaygroundTests(PostgresFixture database, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const string Alice = "29:alice";
    private const string Ivan = "29:ivan";
    private const string Carol = "29:carol";
    private const string PersonalChat = "a:personal-alice";
    private const string ApprovalsChannel = "19:approvals0000@thread.tacv2";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    private const string Policy = """
        defaults: { remind_before: 15m, pending_timeout: 24h, max_pending_per_requester: 5 }
        business_hours: { timezone: UTC, days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", end: "23:59" }
        digest: { cron: "0 9 * * MON", timezone: UTC, channel: security }
        channels:
          approvals: { teams: "19:approvals0000@thread.tacv2" }
          security: { teams: "19:security0000@thread.tacv2" }
        groups:
          finance-approvers: [ ivan@example.com, judy@example.com ]
        resources:
          billing-console:
            description: Billing provider admin console
            default_duration: 1h
            max_duration: 4h
            reason_required: true
            sensitivity: medium
            steps:
              - { group: finance-approvers }
            provisioner: { kind: manual, instructions: "Add the requester in the billing console" }
        """;

    [PlaygroundFact]
    public async Task A_request_typed_in_the_playground_is_approved_by_a_second_user_on_the_channel_card_and_lands_in_PostgreSQL()
    {
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("accessbot-playground-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "accessbot.yaml"), Policy);
            using var host = await PlaygroundStack.StartHostAsync(work.FullName, database.ConnectionString);
            using var playground = await PlaygroundStack.StartPlaygroundAsync(host.Port, work.FullName);
            output.WriteLine($"host on {host.Port}, playground on {playground.Port}, both up after {clock.Elapsed.TotalSeconds:F1} s");
            await using var client = await PlaygroundClient.ConnectAsync(playground.Port, default);

            // Install: the bot must have answered both conversationUpdates before it can post in the channel.
            await client.InstallAsync(PersonalChat, default);
            await AnsweredAsync(client, PersonalChat, "conversationUpdate");
            await client.InstallAsync(ApprovalsChannel, default);
            await AnsweredAsync(client, ApprovalsChannel, "conversationUpdate");

            await client.SendAsync(PersonalChat, Alice, "help", default);
            var help = await BotPostAsync(client, PersonalChat, m => Text(m).Contains("AccessBot commands", StringComparison.Ordinal));
            Assert.Contains("`request <resource> <duration> <reason>`", Text(help));

            await client.SendAsync(PersonalChat, Alice, "request billing-console 1h quarter-end close", default);
            var submitted = await BotPostAsync(client, PersonalChat, m => Text(m).Contains("is **pending**", StringComparison.Ordinal));
            var requestId = long.Parse(RequestNumber().Match(Text(submitted)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            var posted = await BotPostAsync(client, ApprovalsChannel, m => m.GetProperty("attachments").GetArrayLength() == 1);
            var card = posted.GetProperty("attachments")[0].GetProperty("content");
            Assert.Contains($"Access request #{requestId}: billing-console for 1h", card.GetRawText());
            Assert.Equal(["approve", "deny"], Verbs(card));
            Assert.Equal("refreshCard", card.GetProperty("refresh").GetProperty("action").GetProperty("verb").GetString());
            var thread = posted.GetProperty("postConversationId").GetString()!;
            var messageId = posted.GetProperty("messageId").GetString()!;
            var data = new { requestId = requestId.ToString(System.Globalization.CultureInfo.InvariantCulture) };

            // Carol is in the team but approves nothing: her click changes nothing, her refreshed view has no buttons.
            var carolClick = await client.ExecuteAsync(thread, messageId, Carol, "approve", data, default);
            Assert.Contains("You are not an approver of step 1 of **billing-console**", carolClick.GetRawText());
            Assert.Empty(Verbs(carolClick.GetProperty("value")));
            var carolView = await client.ExecuteAsync(thread, messageId, Carol, "refreshCard", data, default);
            Assert.Empty(Verbs(carolView.GetProperty("value")));
            Assert.Equal("pending", await StateAsync(requestId));

            // Ivan, a finance approver, sees the buttons on refresh and approves.
            var ivanView = await client.ExecuteAsync(thread, messageId, Ivan, "refreshCard", data, default);
            Assert.Equal(["approve", "deny"], Verbs(ivanView.GetProperty("value")));
            var approved = await client.ExecuteAsync(thread, messageId, Ivan, "approve", data, default);
            Assert.Contains($"You approved request #{requestId}", approved.GetRawText());
            Assert.Empty(Verbs(approved.GetProperty("value")));

            var update = await BotPostAsync(client, PersonalChat, m => Text(m).Contains("is now **approved**", StringComparison.Ordinal));
            Assert.Contains("approved by Ivan Example", Text(update));
            var edited = await client.Conversations.FirstAsync("edit of the channel card", f =>
                f.GetProperty("action").GetString() == "updateMessage" && f.GetProperty("message").GetProperty("messageId").GetString() == messageId
                && f.GetRawText().Contains("Approved by Ivan Example", StringComparison.Ordinal), Step);
            Assert.Empty(Verbs(edited.GetProperty("message").GetProperty("attachments")[0].GetProperty("content")));

            await AssertRecordedAsync(requestId);
            // The guard preloaded by playground.sh reports any connection or lookup off 127.0.0.1.
            Assert.DoesNotContain("loopback-only: blocked", playground.Process.Output, StringComparison.Ordinal);
            // In anonymous mode Teams is the chat platform: no "notifications are only logged" stand-in beside it.
            Assert.DoesNotContain("No chat adapter is configured", host.Process.Output, StringComparison.Ordinal);
            output.WriteLine($"scenario done after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task AssertRecordedAsync(long requestId)
    {
        Assert.Equal("approved", await StateAsync(requestId));
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using (var approvals = new NpgsqlCommand(
            """
            select p.email, a.decision, a.platform, p.teams_aad_object_id
            from approvals a join principals p on p.id = a.approver_id where a.request_id = @id
            """, connection))
        {
            approvals.Parameters.AddWithValue("id", requestId);
            await using var reader = await approvals.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("ivan@example.com", "approve", "teams", "0a0b0c0d-0000-4000-8000-00000000c002"),
                (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            Assert.False(await reader.ReadAsync());
        }

        var trail = new List<(string Actor, string Platform, string Action)>();
        await using (var audit = new NpgsqlCommand("select actor, platform, action from audit_events where request_id = @id order by seq", connection))
        {
            audit.Parameters.AddWithValue("id", requestId);
            await using var reader = await audit.ExecuteReaderAsync();
            while (await reader.ReadAsync()) trail.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        Assert.Equal(("alice@example.com", "teams", "request.submitted"), trail[0]);
        Assert.Contains(("ivan@example.com", "teams", "request.approved"), trail);
        Assert.Contains(("system:teams", "teams", "chat.posted"), trail);
        Assert.DoesNotContain(trail, e => e.Actor == "carol@example.com");
        Assert.True(trail.FindIndex(e => e.Action == "request.submitted") < trail.FindIndex(e => e.Action == "request.approved"));
    }

    private async Task<string> StateAsync(long requestId)
    {
        await using var command = database.DataSource.CreateCommand("select state from access_requests where id = $1");
        command.Parameters.AddWithValue(requestId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static Task AnsweredAsync(PlaygroundClient client, string conversationId, string activity) =>
        client.Log.FirstAsync($"answered {activity} in {conversationId}", f =>
            f.TryGetProperty("log", out var log) && log.TryGetProperty("activityName", out var name) && name.GetString() == activity
            && log.GetProperty("conversationId").GetString() == conversationId
            && log.TryGetProperty("response", out var response) && response.GetProperty("statusCode").GetInt32() == 200, Step);

    /// <summary>The next message the bot posted in the conversation (a channel post counts in its channel) that matches.</summary>
    private static async Task<JsonElement> BotPostAsync(PlaygroundClient client, string conversationId, Func<JsonElement, bool> match)
    {
        var frame = await client.Conversations.FirstAsync($"bot message in {conversationId}", f =>
            f.GetProperty("action").GetString() == "createMessage" && f.GetProperty("actionConversationId").GetString() == conversationId
            && match(f.GetProperty("message")), Step);
        return frame.GetProperty("message");
    }

    private static string Text(JsonElement message) =>
        message.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : "";

    private static string[] Verbs(JsonElement card) =>
        card.TryGetProperty("actions", out var actions) ? [.. actions.EnumerateArray().Select(a => a.GetProperty("verb").GetString() ?? "")] : [];

    [GeneratedRegex(@"Request \*\*#(\d+)\*\*")]
    private static partial Regex RequestNumber();
}
