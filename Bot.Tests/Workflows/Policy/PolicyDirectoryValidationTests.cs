using static AccessBot.Tests.Workflows.Policy.PolicyYaml;

namespace AccessBot.Tests.Workflows.Policy;

/// <summary>Groups, channels, business hours and the digest schedule.</summary>
public sealed class PolicyDirectoryValidationTests
{
    [Theory]
    [InlineData("bob", "is not an email address")]
    [InlineData("bob@localhost", "is not an email address")]
    [InlineData("slack:bob", "must look like U0123ABCD")]
    [InlineData("teams:not-a-guid", "must be a directory object id")]
    [InlineData("discord:1234", "unknown prefix \"discord\"")]
    public void A_member_that_is_no_email_nor_platform_id_is_refused(string member, string expected)
    {
        var yaml = With("sre-leads: [ grace@example.com ]", $"sre-leads: [ grace@example.com, \"{member}\" ]");

        var error = SingleError(yaml, "groups.sre-leads[1]", "sre-leads: [");

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_listed_twice_is_refused()
    {
        var yaml = With("sre-leads: [ grace@example.com ]", "sre-leads: [ grace@example.com, Grace@Example.com ]");

        SingleError(yaml, "groups.sre-leads[1]", "sre-leads: [");
    }

    [Fact]
    public void An_empty_group_is_refused()
    {
        var yaml = With("sre-leads: [ grace@example.com ]", "sre-leads: []");

        var error = SingleError(yaml, "groups.sre-leads", "sre-leads: []");

        Assert.Contains("no members", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_without_a_platform_address_is_refused()
    {
        var yaml = With("db-approvals: { slack: C0DBAPPROVALS }", "db-approvals: {}");

        var error = SingleError(yaml, "channels.db-approvals", "db-approvals: {}");

        Assert.Contains("no platform address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_address_for_an_unknown_platform_is_refused()
    {
        var yaml = With("db-approvals: { slack: C0DBAPPROVALS }", "db-approvals: { slak: C0DBAPPROVALS }");

        var error = SingleError(yaml, "channels.db-approvals.slak", "db-approvals: {");

        Assert.Contains("did you mean slack?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 9 * *")]
    [InlineData("0 9 * * MON *")]
    [InlineData("0 25 * * MON")]
    [InlineData("0 9 * * FUNDAY")]
    [InlineData("*/0 9 * * MON")]
    public void A_bad_cron_expression_is_refused(string cron)
    {
        var yaml = With("cron: \"0 9 * * MON\"", $"cron: \"{cron}\"");

        SingleError(yaml, "digest.cron", "cron:");
    }

    [Theory]
    [InlineData("0 9 * * MON")]
    [InlineData("30 8 1-7 * mon-fri")]
    [InlineData("*/15 9-17 * JAN,JUL ?")]
    public void A_standard_cron_expression_is_accepted(string cron)
    {
        var yaml = With("cron: \"0 9 * * MON\"", $"cron: \"{cron}\"");

        var policy = AccessBot.Workflows.Policy.PolicyLoader.Parse(yaml, FileName);

        Assert.Equal(cron, policy.Digest.Cron);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var yaml = With("timezone: UTC", "timezone: Europe/Springfield");

        var error = SingleError(yaml, "digest.timezone", "Europe/Springfield");

        Assert.Contains("not a known time zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Business_hours_that_end_before_they_start_are_refused()
    {
        var yaml = With("end: \"18:00\"", "end: \"08:00\"");

        SingleError(yaml, "business_hours.end", "end: \"08:00\"");
    }

    [Fact]
    public void An_unknown_weekday_is_refused()
    {
        var yaml = With("days: [mon, tue, wed, thu, fri]", "days: [mon, tue, wed, thu, fry]");

        var error = SingleError(yaml, "business_hours.days[4]", "days: [");

        Assert.Equal(ColumnOf(yaml, "fry"), error.Column);
    }

    [Fact]
    public void A_time_of_day_that_does_not_parse_is_refused()
    {
        var yaml = With("start: \"08:00\"", "start: 8am");

        SingleError(yaml, "business_hours.start", "start: 8am");
    }

    [Fact]
    public void Max_pending_below_one_is_refused()
    {
        var yaml = With("max_pending_per_requester: 5", "max_pending_per_requester: 0");

        SingleError(yaml, "defaults.max_pending_per_requester", "defaults:");
    }
}
