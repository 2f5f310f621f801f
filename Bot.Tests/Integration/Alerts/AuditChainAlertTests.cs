using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Digest;
using Moq;

namespace AccessBot.Tests.Integration.Alerts;

public sealed class AuditChainAlertTests : IAsyncLifetime
{
    private readonly AlertHarness _h = new();

    public async Task InitializeAsync()
    {
        await _h.InitializeAsync();
        for (var i = 0; i < 3; i++)
            await _h.EventAsync(new DateTimeOffset(2026, 11, 20, 10, i, 0, TimeSpan.Zero), "request.submitted", null);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_broken_chain_alerts_once_per_first_broken_row()
    {
        // The first alert appends alert.fired, so the second run checks up to a later head; row 2 is still the first broken one.
        _h.ChainCheck.Setup(c => c.VerifyUpToAsync(It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AuditChainCheckResult(false, 2, "hash mismatch at event 2"));

        Assert.True(await _h.ChainJob().RunAsync(CancellationToken.None));
        Assert.True(await _h.ChainJob().RunAsync(CancellationToken.None));

        await _h.AssertFiredOnceAsync(AlertRules.AuditChainBroken, "seq:2");
    }

    [Fact]
    public async Task An_intact_chain_does_not_alert_and_is_checked_up_to_the_head()
    {
        _h.ChainCheck.Setup(c => c.VerifyUpToAsync(It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AuditChainCheckResult(true, null, "ok"));

        Assert.False(await _h.ChainJob().RunAsync(CancellationToken.None));

        _h.ChainCheck.Verify(c => c.VerifyUpToAsync(3, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(_h.Posted);
    }
}
