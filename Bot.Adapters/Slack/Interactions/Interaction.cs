namespace AccessBot.Adapters.Slack.Interactions;

/// <summary>
/// The parts of an interactivity payload (<c>block_actions</c>, <c>view_submission</c>) the bot uses
/// (<see href="https://docs.slack.dev/reference/interaction-payloads/block_actions-payload"/>). Every value in here was
/// typed or chosen by a person, or points at something: nothing is trusted until re-checked against the engine.
/// </summary>
/// <param name="TeamId">The workspace (<c>team.id</c>), or null for org-wide installs.</param>
/// <param name="ChannelId">Where the clicked message sits (<c>container.channel_id</c>).</param>
/// <param name="MessageTs">The clicked message (<c>container.message_ts</c>).</param>
/// <param name="State">Modal inputs: block id → action id → value (or the selected option's value).</param>
public sealed record Interaction(
    string Type,
    string? TeamId,
    string UserId,
    string? UserTeamId,
    string? TriggerId,
    Uri? ResponseUrl,
    string? ChannelId,
    string? MessageTs,
    bool IsEphemeral,
    IReadOnlyList<BlockAction> Actions,
    string? CallbackId,
    string? PrivateMetadata,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> State);

/// <summary>One clicked element. For our buttons <see cref="Value"/> is a request id: a pointer, never a permission.</summary>
public sealed record BlockAction(string ActionId, string? Value);

/// <summary>The request modal's inputs, validated.</summary>
public sealed record RequestFormInput(string Resource, TimeSpan Duration, string? Reason, Uri? ResponseUrl, string? ChannelId);

/// <summary>The deny modal's inputs: which message was clicked and the optional comment.</summary>
public sealed record DenyFormInput(Workflows.AccessRequests.RequestId RequestId, string ChannelId, string MessageTs, string? Comment, Uri? ResponseUrl);
