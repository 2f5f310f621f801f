using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Events;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Interactions;

namespace AccessBot.Host.Endpoints;

/// <summary>
/// Slack's three request URLs. Each reads the raw body (capped at 256 KiB before anything is hashed), hands it with the
/// signing headers to the adapter, and maps the adapter's reply. No model binding: the signature covers the exact bytes.
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        var slack = endpoints.MapGroup("/slack").DisableAntiforgery();
        slack.MapPost("/commands", (HttpContext http, SlackCommandHandler handler) =>
            HandleAsync(http, "commands", handler.Handle));
        slack.MapPost("/interactions", (HttpContext http, SlackInteractionHandler handler) =>
            HandleAsync(http, "interactions", handler.Handle));
        slack.MapPost("/events", (HttpContext http, SlackEventHandler handler) =>
            HandleAsync(http, "events", handler.Handle));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string endpoint, Func<SlackInboundRequest, SlackReply> handle)
    {
        var remote = http.Connection.RemoteIpAddress?.ToString();
        var body = await SlackInboundRequest.ReadBodyAsync(http.Request.Body, http.Request.ContentLength, http.RequestAborted);
        if (body is null)
        {
            http.RequestServices.GetRequiredService<SlackRequestAuthenticator>().ReportTooLarge(endpoint, remote);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = http.Request.Headers;
        var reply = handle(new SlackInboundRequest(endpoint, body,
            headers[SlackInboundRequest.TimestampHeader].FirstOrDefault(),
            headers[SlackInboundRequest.SignatureHeader].FirstOrDefault(),
            headers[SlackInboundRequest.RetryNumHeader].FirstOrDefault(),
            remote));
        return reply.Body is null
            ? Results.StatusCode(reply.StatusCode)
            : Results.Text(reply.Body, reply.ContentType, statusCode: reply.StatusCode);
    }
}
