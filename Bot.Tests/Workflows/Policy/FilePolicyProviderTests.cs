using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccessBot.Tests.Workflows.Policy;

public sealed class FilePolicyProviderTests : IDisposable
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(20);
    private static readonly string Edited = PolicyYaml.With("max_duration: 4h", "max_duration: 3h");
    private static readonly string Broken = PolicyYaml.With("max_duration: 4h", "max_duration: 4x");

    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_invalid_file_stops_construction_with_every_error()
    {
        var path = _folder.Write(PolicyYaml.Replace(Broken, "sensitivity: high", "sensitivity: loud"));

        var exception = Assert.Throws<PolicyValidationException>(() => NewProvider(path));

        Assert.Equal(["resources.prod-db.max_duration", "resources.prod-db.sensitivity"], exception.Errors.Select(e => e.Path));
        Assert.All(exception.Errors, e => Assert.Equal(path, e.File));
    }

    [Fact]
    public void A_missing_file_stops_construction()
    {
        Assert.Throws<FileNotFoundException>(() => NewProvider(Path.Combine(_folder.Path, "nope.yaml")));
    }

    [Fact]
    public void Reload_of_an_invalid_file_keeps_the_policy_in_force()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);
        var before = provider.Current;

        _folder.Write(Broken);
        var result = provider.Reload();

        Assert.Equal(PolicyReloadOutcome.Rejected, result.Outcome);
        Assert.Same(before, provider.Current);
        Assert.Same(before, result.Current);
        Assert.Equal("resources.prod-db.max_duration", Assert.Single(result.Errors).Path);
        Assert.Same(result, provider.LastReload);
    }

    [Fact]
    public void Reload_of_a_valid_changed_file_swaps_the_policy()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);
        var before = provider.Current;

        _folder.Write(Edited);
        var result = provider.Reload();

        Assert.Equal(PolicyReloadOutcome.Swapped, result.Outcome);
        Assert.Same(before, result.Previous);
        Assert.Same(result.Current, provider.Current);
        Assert.NotEqual(before.Version, provider.Current.Version);
        Assert.Equal(TimeSpan.FromHours(3), provider.Current.Resources["prod-db"].MaxDuration);
    }

    [Fact]
    public void Reload_after_a_rejected_edit_is_fixed_swaps_to_the_fixed_file()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);

        _folder.Write(Broken);
        provider.Reload();
        _folder.Write(Edited);
        var result = provider.Reload();

        Assert.Equal(PolicyReloadOutcome.Swapped, result.Outcome);
        Assert.Equal(TimeSpan.FromHours(3), provider.Current.Resources["prod-db"].MaxDuration);
    }

    [Fact]
    public void Reload_of_the_same_bytes_keeps_the_same_instance()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);
        var before = provider.Current;

        var result = provider.Reload();

        Assert.Equal(PolicyReloadOutcome.Unchanged, result.Outcome);
        Assert.Same(before, provider.Current);
    }

    [Fact]
    public void Reload_of_a_deleted_file_keeps_the_policy_in_force()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);
        var before = provider.Current;

        File.Delete(path);
        var result = provider.Reload();

        Assert.Equal(PolicyReloadOutcome.Rejected, result.Outcome);
        Assert.Same(before, provider.Current);
        Assert.Contains("cannot be read", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_edit_on_disk_is_picked_up_by_the_watcher()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);
        var swapped = Signal(provider, PolicyReloadOutcome.Swapped);
        provider.StartWatching();

        _folder.Write(Edited);
        var result = await swapped.Task.WaitAsync(SignalTimeout);

        Assert.Same(result.Current, provider.Current);
        Assert.Equal(TimeSpan.FromHours(3), provider.Current.Resources["prod-db"].MaxDuration);
    }

    [Fact]
    public async Task An_invalid_edit_on_disk_is_rejected_by_the_watcher()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = NewProvider(path);
        var before = provider.Current;
        var rejected = Signal(provider, PolicyReloadOutcome.Rejected);
        provider.StartWatching();

        _folder.Write(Broken);
        var result = await rejected.Task.WaitAsync(SignalTimeout);

        Assert.Same(before, provider.Current);
        Assert.Contains(result.Errors, e => e.Path == "resources.prod-db.max_duration");
    }

    private static FilePolicyProvider NewProvider(string path) =>
        new(path, TimeProvider.System, NullLogger<FilePolicyProvider>.Instance, debounce: TimeSpan.FromMilliseconds(50));

    private static TaskCompletionSource<PolicyReloadResult> Signal(FilePolicyProvider provider, PolicyReloadOutcome outcome)
    {
        var signal = new TaskCompletionSource<PolicyReloadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Reloaded += (_, result) =>
        {
            if (result.Outcome == outcome) signal.TrySetResult(result);
        };
        return signal;
    }
}
