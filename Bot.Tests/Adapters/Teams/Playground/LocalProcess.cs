using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AccessBot.Tests.Adapters.Teams.Playground;

/// <summary>
/// A server process started by a test (the AccessBot host or the playground): its output is kept for failure messages,
/// readiness is a line it prints (no polling), and disposing kills it with its children.
/// </summary>
internal sealed class LocalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Match> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Regex _readyLine;

    private LocalProcess(ProcessStartInfo start, Regex readyLine)
    {
        _readyLine = readyLine;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{start.FileName} exited early:\n{Output}"));
    }

    /// <summary>Everything it printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the process and waits until it prints a line matching <paramref name="readyLine"/>.</summary>
    public static async Task<(LocalProcess Process, Match Ready)> StartAsync(ProcessStartInfo start, Regex readyLine, TimeSpan timeout)
    {
        var process = new LocalProcess(start, readyLine);
        try
        {
            process._process.Start();
            process._process.StandardInput.Close();
            process._process.BeginOutputReadLine();
            process._process.BeginErrorReadLine();
            var match = await process._ready.Task.WaitAsync(timeout);
            return (process, match);
        }
        catch (TimeoutException)
        {
            process.Dispose();
            throw new TimeoutException($"{start.FileName} printed no line matching /{readyLine}/ within {timeout}:\n{process.Output}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (_readyLine.Match(line) is { Success: true } match) _ready.TrySetResult(match);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
        _process.Dispose();
    }
}
