using System.Net;
using AccessBot.Host.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccessBot.Tests.Host;

public sealed class LoopbackDashboardAuthorizationFilterTests
{
    private readonly LoopbackDashboardAuthorizationFilter _filter = new(NullLogger<LoopbackDashboardAuthorizationFilter>.Instance);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_requests_without_proxy_headers_are_allowed(string peer)
    {
        Assert.True(_filter.IsLocal(Request(peer), out _));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.7")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Requests_from_other_addresses_are_refused(string peer)
    {
        Assert.False(_filter.IsLocal(Request(peer), out var reason));
        Assert.Contains("not loopback", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_without_a_peer_address_is_refused()
    {
        Assert.False(_filter.IsLocal(new DefaultHttpContext(), out _));
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    [InlineData("x-forwarded-for", "127.0.0.1")]
    public void A_loopback_request_carrying_a_forwarding_header_is_refused(string header, string value)
    {
        var http = Request("127.0.0.1");
        http.Request.Headers[header] = value;

        Assert.False(_filter.IsLocal(http, out var reason));
        Assert.Contains("forwarding header", reason, StringComparison.Ordinal);
    }

    private static DefaultHttpContext Request(string peer)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        return http;
    }
}
