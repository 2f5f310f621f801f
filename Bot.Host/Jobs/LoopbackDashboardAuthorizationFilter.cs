using System.Net;
using Hangfire.Dashboard;

namespace AccessBot.Host.Jobs;

/// <summary>
/// Lets the Hangfire dashboard answer only requests made on this machine: the peer address is loopback and no proxy
/// header claims the request came from elsewhere (a local reverse proxy forwarding outside traffic adds one).
/// Everything else gets Hangfire's 401.
/// </summary>
public sealed class LoopbackDashboardAuthorizationFilter(ILogger<LoopbackDashboardAuthorizationFilter> logger) : IDashboardAuthorizationFilter
{
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "X-Original-For", "X-Client-IP"];

    public bool Authorize(DashboardContext context) => IsLocal(context.GetHttpContext(), out _);

    /// <summary>True for a direct request from loopback; otherwise false and why.</summary>
    public bool IsLocal(HttpContext http, out string reason)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            reason = "remote address is not loopback";
        }
        else if (ForwardingHeaders.FirstOrDefault(h => http.Request.Headers.ContainsKey(h)) is { } header)
        {
            reason = $"forwarding header {header} present";
        }
        else
        {
            reason = "";
            return true;
        }
        Log.DashboardRefused(logger, remote?.ToString() ?? "unknown", reason);
        return false;
    }
}
