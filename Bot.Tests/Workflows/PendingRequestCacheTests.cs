using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;

namespace AccessBot.Tests.Workflows;

public sealed class PendingRequestCacheTests
{
    private static readonly Principal Alice = new(new PrincipalId(Guid.NewGuid()), "alice@example.com", "Alice", null, null);

    private static RequestRecord Request(long id, RequestState state = RequestState.Pending, long version = 1) => new(
        new RequestId(id), Alice, "db", TimeSpan.FromHours(1), "why", state, 1, 1, null, false, false, "v1",
        new RequestOrigin("test", null, null), null, DateTimeOffset.UnixEpoch, null, null, null, null, version, null, null, []);

    [Fact]
    public void Keeps_the_latest_pending_record_and_drops_one_that_left_pending()
    {
        var cache = new PendingRequestCache();
        cache.Remember(Request(1, version: 1));
        cache.Remember(Request(1, version: 2));
        Assert.Equal(2, cache.Find(new RequestId(1))!.Version);

        cache.Remember(Request(1, RequestState.Approved, version: 3));

        Assert.Null(cache.Find(new RequestId(1)));
    }

    [Fact]
    public void Forgets_a_request_on_demand()
    {
        var cache = new PendingRequestCache();
        cache.Remember(Request(7));

        cache.Forget(new RequestId(7));

        Assert.Null(cache.Find(new RequestId(7)));
    }

    [Fact]
    public void Holds_at_most_its_capacity_and_lets_the_oldest_go_first()
    {
        var cache = new PendingRequestCache();
        for (var id = 1; id <= PendingRequestCache.Capacity + 1; id++) cache.Remember(Request(id));

        var kept = Enumerable.Range(1, PendingRequestCache.Capacity + 1).Count(id => cache.Find(new RequestId(id)) is not null);

        Assert.True(kept <= PendingRequestCache.Capacity, $"{kept} records kept");
        Assert.Null(cache.Find(new RequestId(1)));
        Assert.NotNull(cache.Find(new RequestId(PendingRequestCache.Capacity + 1)));
    }
}
