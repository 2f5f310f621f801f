namespace AccessBot.Tests.Integration.Digest;

/// <summary>The <see cref="DigestDataset"/> seeded once into a database of its own, shared by one test class.</summary>
public sealed class SeededDigestDatabase : IAsyncLifetime
{
    internal DigestDataset Data { get; } = new();

    internal IsolatedDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await IsolatedDatabase.CreateAsync("digest");
        await Data.InsertAsync(Database.DataSource);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
