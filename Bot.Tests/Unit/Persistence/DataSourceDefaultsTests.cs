using AccessBot.Workflows.Persistence;
using Npgsql;

namespace AccessBot.Tests.Unit.Persistence;

public sealed class DataSourceDefaultsTests
{
    [Fact]
    public void Auto_prepare_is_switched_on_when_the_connection_string_does_not_mention_it()
    {
        var builder = new NpgsqlConnectionStringBuilder("Host=127.0.0.1;Database=accessbot");

        DataSourceDefaults.Apply(builder);

        Assert.Equal((DataSourceDefaults.MaxAutoPrepare, DataSourceDefaults.AutoPrepareMinUsages, true),
            (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages, builder.NoResetOnClose));
    }

    [Fact]
    public void An_operator_who_wants_pooled_sessions_reset_keeps_it()
    {
        var builder = new NpgsqlConnectionStringBuilder("Host=127.0.0.1;No Reset On Close=false");

        DataSourceDefaults.Apply(builder);

        Assert.False(builder.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0", 0, 5)]
    [InlineData("Host=127.0.0.1;MaxAutoPrepare=10;Auto Prepare Min Usages=3", 10, 3)]
    public void An_operators_own_auto_prepare_setting_is_kept(string connectionString, int max, int minUsages)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        DataSourceDefaults.Apply(builder);

        Assert.Equal((max, minUsages), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
    }
}
