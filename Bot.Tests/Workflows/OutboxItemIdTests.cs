using AccessBot.Workflows.Outbox;

namespace AccessBot.Tests.Workflows;

public sealed class OutboxItemIdTests
{
    [Theory]
    [InlineData(1L, 0)]
    [InlineData(812L, 3)]
    [InlineData((1L << 48) - 1, OutboxItemId.MaxItems - 1)]
    public void An_item_id_gives_back_its_row_and_index(long row, int index)
    {
        var id = OutboxItemId.Compose(row, index);

        Assert.Equal((row, index), (OutboxItemId.RowOf(id), OutboxItemId.IndexOf(id)));
    }

    [Fact]
    public void The_first_item_keeps_the_row_id_so_single_rows_and_their_queued_jobs_are_unchanged()
    {
        Assert.Equal(812L, OutboxItemId.Compose(812, 0));
        Assert.Equal(0, OutboxItemId.IndexOf(812));
    }

    [Fact]
    public void Item_ids_stay_below_the_alert_and_digest_notification_id_ranges()
    {
        // Alerts set bit 61 and digests bit 62 (AlertDispatcher, DigestSender); adapters de-duplicate by these ids.
        var largest = OutboxItemId.Compose((1L << 48) - 1, OutboxItemId.MaxItems - 1);

        Assert.True(largest < 1L << 61, $"{largest:X}");
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(1L << 48, 0)]
    [InlineData(1L, -1)]
    [InlineData(1L, OutboxItemId.MaxItems)]
    public void Ids_outside_the_scheme_are_refused(long row, int index) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxItemId.Compose(row, index));
}
