using AccessBot.Tests.Fixtures;

namespace AccessBot.Tests.Host;

/// <summary>The host's integration tests share one database of their own, so they run beside other collections.</summary>
[CollectionDefinition(nameof(HostCollection))]
public sealed class HostCollection : ICollectionFixture<PostgresFixture>;
