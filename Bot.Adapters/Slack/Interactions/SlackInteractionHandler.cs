using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Blocks;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Adapters.Slack.Work;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Interactions;

/// <summary>
/// <c>POST /slack/interactions</c>: authenticate, parse the <c>payload</c> field, check the workspace, then either queue the
/// click (empty ack) or validate a modal submission inline (<c>response_action: errors</c>) before queueing it.
/// </summary>
public sealed class SlackInteractionHandler(
    SlackRequestAuthenticator authenticator,
    SlackWorkQueue queue,
    IPolicyProvider policy,
    SlackMessages messages,
    IOptions<SlackOptions> options,
    ILogger<SlackInteractionHandler> logger)
{
    public const int MaxReasonLength = 1000;

    public SlackReply Handle(SlackInboundRequest request)
    {
        if (!authenticator.IsAuthentic(request)) return SlackReply.Unauthorized;

        var form = FormBody.Parse(request.Body);
        if (!form.TryGetValue("payload", out var json) || InteractionParser.Parse(json) is not { } interaction)
        {
            Log.MalformedPayload(logger, "interaction without a readable payload");
            return SlackReply.BadRequest;
        }
        var team = options.Value.TeamId;
        if (!string.Equals(interaction.TeamId ?? interaction.UserTeamId, team, StringComparison.Ordinal)
            || (interaction.UserTeamId is not null && interaction.UserTeamId != team))
        {
            Log.WrongWorkspace(logger, interaction.TeamId ?? interaction.UserTeamId);
            return SlackReply.Ack;   // nothing is done; an error status would only make Slack show a generic failure
        }

        return interaction.Type switch
        {
            "block_actions" => Clicked(interaction),
            "view_submission" => Submitted(interaction),
            _ => SlackReply.Ack,
        };
    }

    private SlackReply Clicked(Interaction interaction)
    {
        // One click is one action; Slack sends a single element for buttons.
        if (interaction.Actions.Count != 1) return SlackReply.Ack;
        if (!queue.TryEnqueue(new SlackWork.Action(interaction, interaction.Actions[0]))) Log.QueueFull(logger, "block_action");
        return SlackReply.Ack;
    }

    private SlackReply Submitted(Interaction interaction)
    {
        var metadata = Modals.ReadMetadata(interaction.PrivateMetadata);
        Uri? responseUrl = Uri.TryCreate((string?)metadata?["u"], UriKind.Absolute, out var url) ? url : interaction.ResponseUrl;
        switch (interaction.CallbackId)
        {
            case ViewIds.RequestForm:
                var errors = new JsonObject();
                var input = Validate(interaction, responseUrl, (string?)metadata?["c"], errors);
                if (input is null) return SlackReply.Json(new JsonObject { ["response_action"] = "errors", ["errors"] = errors });
                Enqueue(new SlackWork.SubmitForm(interaction, input));
                return SlackReply.Ack;
            case ViewIds.DenyForm:
                if (metadata?["r"] is not JsonValue r || !r.TryGetValue<long>(out var id)
                    || (string?)metadata["c"] is not { } channel || (string?)metadata["m"] is not { } ts)
                    return SlackReply.Ack;
                var comment = Value(interaction, ViewIds.CommentBlock);
                Enqueue(new SlackWork.DenyForm(interaction, new DenyFormInput(new RequestId(id), channel, ts,
                    string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), responseUrl)));
                return SlackReply.Ack;
            default:
                return SlackReply.Ack;
        }
    }

    private RequestFormInput? Validate(Interaction interaction, Uri? responseUrl, string? channel, JsonObject errors)
    {
        var current = policy.Current;
        var resourceName = Value(interaction, ViewIds.ResourceBlock);
        var resource = resourceName is null ? null : current.FindResource(resourceName);
        if (resource is null) errors[ViewIds.ResourceBlock] = messages.FormError("no_resource");

        var durationText = Value(interaction, ViewIds.DurationBlock);
        if (!SlackDuration.TryParse(durationText, out var duration)) errors[ViewIds.DurationBlock] = messages.FormError("bad_duration");
        else if (resource is not null && duration > resource.MaxDuration)
            errors[ViewIds.DurationBlock] = messages.FormError("too_long", SlackDuration.Format(resource.MaxDuration));

        var reason = Value(interaction, ViewIds.ReasonBlock)?.Trim();
        if (resource is { ReasonRequired: true } && string.IsNullOrEmpty(reason)) errors[ViewIds.ReasonBlock] = messages.FormError("reason_required");
        else if (reason is { Length: > MaxReasonLength }) errors[ViewIds.ReasonBlock] = messages.FormError("reason_too_long", MaxReasonLength.ToString(System.Globalization.CultureInfo.InvariantCulture));

        return errors.Count > 0 || resource is null
            ? null
            : new RequestFormInput(resource.Name, duration, string.IsNullOrEmpty(reason) ? null : reason, responseUrl, channel);
    }

    private void Enqueue(SlackWork work)
    {
        if (!queue.TryEnqueue(work)) Log.QueueFull(logger, work.Kind);
    }

    private static string? Value(Interaction interaction, string block) =>
        interaction.State.TryGetValue(block, out var inputs) && inputs.TryGetValue(ViewIds.InputAction, out var value) ? value : null;
}
