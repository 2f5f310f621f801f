using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// The policy from a file. The constructor loads it and throws <see cref="PolicyValidationException"/> when it is invalid,
/// so a bad file stops start-up. Afterwards the policy in force is only ever replaced by a valid one: a reload of a broken
/// file keeps the old policy and reports why.
/// </summary>
/// <remarks>Thread-safe. Reloads are serialised; readers see either the old or the new instance, never a mix.</remarks>
public sealed class FilePolicyProvider : IPolicyProvider, IDisposable
{
    /// <summary>Editors save in several writes; waiting this long after the last one reads the file once, complete.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    private readonly Lock _reloadLock = new();
    private readonly Lock _watchLock = new();
    private readonly TimeProvider _time;
    private readonly ILogger<FilePolicyProvider> _logger;
    private readonly TimeSpan _debounce;
    private readonly IReadOnlyCollection<string>? _provisionerKinds;
    private AccessPolicy _current;
    private PolicyReloadResult? _lastReload;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;

    /// <param name="path">The policy file.</param>
    /// <param name="time">Clock for the reload debounce.</param>
    /// <param name="logger">Where loads, reloads and refused edits are logged.</param>
    /// <param name="provisionerKinds">The installed provisioner kinds; when given, a resource naming another kind is an error.</param>
    /// <param name="debounce">Quiet time after a file change before reloading; <see cref="DefaultDebounce"/> when null.</param>
    /// <exception cref="PolicyValidationException">The file is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public FilePolicyProvider(
        string path,
        TimeProvider time,
        ILogger<FilePolicyProvider> logger,
        IReadOnlyCollection<string>? provisionerKinds = null,
        TimeSpan? debounce = null)
    {
        _provisionerKinds = provisionerKinds;
        FilePath = Path.GetFullPath(path);
        _time = time;
        _logger = logger;
        _debounce = debounce ?? DefaultDebounce;
        _current = PolicyLoader.Load(FilePath, provisionerKinds);
        Log.PolicyLoaded(logger, FilePath, _current.Resources.Count, _current.Groups.Count, _current.Version);
    }

    /// <summary>Raised after every reload attempt, on the thread that made it.</summary>
    public event EventHandler<PolicyReloadResult>? Reloaded;

    /// <summary>The absolute path of the policy file.</summary>
    public string FilePath { get; }

    public AccessPolicy Current => Volatile.Read(ref _current);

    /// <summary>The last reload attempt, or null before the first. A <see cref="PolicyReloadOutcome.Rejected"/> here means the file on disk is not what is in force.</summary>
    public PolicyReloadResult? LastReload => Volatile.Read(ref _lastReload);

    /// <summary>Reads the file again and puts it in force if it is valid and different.</summary>
    public PolicyReloadResult Reload()
    {
        PolicyReloadResult result;
        lock (_reloadLock)
        {
            var previous = _current;
            result = TryLoad() switch
            {
                (null, var errors) => new PolicyReloadResult(PolicyReloadOutcome.Rejected, previous, previous, errors),
                ({ } next, _) when next.Version == previous.Version => new PolicyReloadResult(PolicyReloadOutcome.Unchanged, previous, previous, []),
                ({ } next, _) => new PolicyReloadResult(PolicyReloadOutcome.Swapped, previous, next, []),
            };
            Volatile.Write(ref _current, result.Current);
            Volatile.Write(ref _lastReload, result);
        }

        LogResult(result);
        Reloaded?.Invoke(this, result);
        return result;
    }

    /// <summary>Reloads, after <see cref="DefaultDebounce"/> of quiet, whenever the file (or a symlink swap in its folder) changes.</summary>
    public void StartWatching()
    {
        lock (_watchLock)
        {
            if (_watcher is not null) return;
            _debounceTimer = _time.CreateTimer(_ => ReloadFromWatcher(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(FilePath)!)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.Error += (_, e) =>
            {
                Log.WatcherFailed(_logger, e.GetException());
                ScheduleReload();
            };
            _watcher.EnableRaisingEvents = true;
        }

        Log.WatchingPolicy(_logger, FilePath);
    }

    public void Dispose()
    {
        lock (_watchLock)
        {
            _watcher?.Dispose();
            _debounceTimer?.Dispose();
            _watcher = null;
            _debounceTimer = null;
        }
    }

    private (AccessPolicy? Policy, IReadOnlyList<PolicyError> Errors) TryLoad()
    {
        try
        {
            return (PolicyLoader.Load(FilePath, _provisionerKinds), []);
        }
        catch (PolicyValidationException e)
        {
            return (null, e.Errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new PolicyError(FilePath, 0, 0, "", $"cannot be read: {e.Message}")]);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        var fileName = Path.GetFileName(FilePath);
        // Kubernetes mounts swap a "..data" symlink instead of writing the file itself.
        static bool IsDataLink(string? name) => name?.StartsWith("..", StringComparison.Ordinal) == true;
        var relevant = e.Name == fileName || IsDataLink(e.Name)
            || (e is RenamedEventArgs renamed && (renamed.OldName == fileName || IsDataLink(renamed.OldName)));
        if (relevant) ScheduleReload();
    }

    private void ScheduleReload()
    {
        lock (_watchLock) _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
    }

    private void ReloadFromWatcher()
    {
        try
        {
            Reload();
        }
        catch (Exception e)
        {
            // A timer callback must not throw; the policy in force is untouched by a failed reload.
            Log.ReloadCrashed(_logger, e);
        }
    }

    private void LogResult(PolicyReloadResult result)
    {
        switch (result.Outcome)
        {
            case PolicyReloadOutcome.Swapped:
                Log.PolicySwapped(_logger, FilePath, result.Previous.Version, result.Current.Version);
                break;
            case PolicyReloadOutcome.Unchanged:
                Log.PolicyUnchanged(_logger, FilePath, result.Current.Version);
                break;
            default:
                Log.PolicyRejected(_logger, FilePath, result.Current.Version, string.Join(Environment.NewLine, result.Errors));
                break;
        }
    }
}
