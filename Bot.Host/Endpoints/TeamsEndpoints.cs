using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Host.Endpoints;

public static class TeamsEndpoints
{
    // Activities are small; a card submit with inputs stays far below this. Bigger bodies are refused unread.
    private const int MaxBodyBytes = 256 * 1024;

    /// <summary><c>POST /api/messages</c>: the Bot Framework messaging endpoint (token checked before anything else).</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, TeamsActivityProcessor processor, CancellationToken ct)
    {
        if (context.Request.ContentLength is > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        var read = 0L;
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            read += n;
            if (read > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            buffer.Write(chunk, 0, n);
        }
        var authorization = context.Request.Headers.Authorization.Count == 1 ? context.Request.Headers.Authorization.ToString() : null;
        var result = await processor.ProcessAsync(authorization, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        return result.Body is null
            ? Results.StatusCode(result.Status)
            : Results.Json(result.Body, TeamsJson.Options, statusCode: result.Status);
    }
}
