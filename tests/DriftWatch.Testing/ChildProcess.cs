using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DriftWatch.Testing;

/// <summary>
/// A child process of a test, the bench or the campaign: started with its arguments and environment, stdout and
/// stderr captured (exactly, and line by line as they arrive), waited for with a timeout, stopped with SIGTERM or
/// SIGKILL, always by its own PID. Disposing it kills it (and its children) if it still runs.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan OutputDrain = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ChildCommand _command;
    private readonly ChildProcessOptions _options;
    private readonly long _started;
    private readonly Lock _output = new();
    private readonly List<ChildProcessLine> _lines = [];
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _pumps;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;

    private ChildProcess(Process process, ChildCommand command, ChildProcessOptions options, long started)
    {
        _process = process;
        _command = command;
        _options = options;
        _started = started;
        _pumps = PumpBothAsync();
    }

    /// <summary>The child's PID.</summary>
    public int Pid => _process.Id;

    /// <summary>True once it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code; only once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Time since just before it was started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Every line so far, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<ChildProcessLine> Lines
    {
        get
        {
            lock (_output)
            {
                return _lines.ToList();
            }
        }
    }

    /// <summary>Every line so far, stdout and stderr interleaved, each ended by a newline.</summary>
    public string Output => string.Concat(Lines.Select(l => l.Text + "\n"));

    /// <summary>Everything written on stdout so far, exactly.</summary>
    public string Stdout
    {
        get
        {
            lock (_output)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written on stderr so far, exactly.</summary>
    public string Stderr
    {
        get
        {
            lock (_output)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the process; its output is captured from the first byte.</summary>
    public static ChildProcess Start(ChildCommand command, ChildProcessOptions? options = null)
    {
        options ??= new ChildProcessOptions();
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (options.DropInherited is { } drop)
        {
            foreach (var name in start.Environment.Keys.Where(drop).ToList())
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        var started = Stopwatch.GetTimestamp();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not start {command}: {e.Message} (is {command.FileName} installed?)", e);
        }

        if (!options.KeepInputOpen)
        {
            process.StandardInput.Close();
        }

        return new ChildProcess(process, command, options, started);
    }

    /// <summary>
    /// Runs the process to its end and returns its exit code and output; one still running after
    /// <see cref="ChildProcessOptions.Timeout"/> is killed and reported as timed out. Cancelling kills it too.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(ChildCommand command, ChildProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ChildProcessOptions();
        await using var child = Start(command, options);
        var exited = await child.WaitForExitAsync(options.Timeout, cancellationToken);
        var elapsed = child.Elapsed;
        if (!exited)
        {
            await child.KillAsync();
        }

        return new ChildProcessResult(child.ExitCode, child.Stdout, child.Stderr, elapsed, TimedOut: !exited);
    }

    /// <summary>Writes a line to its stdin (needs <see cref="ChildProcessOptions.KeepInputOpen"/>).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes its stdin: end of input.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>
    /// The first line from <paramref name="fromLine"/> on that contains <paramref name="text"/>, as soon as it arrives;
    /// null when none came within the timeout or the process closed its output first.
    /// </summary>
    public async Task<ChildProcessLine?> WaitForLineAsync(string text, TimeSpan timeout, int fromLine = 0, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var next = fromLine;
        while (true)
        {
            Task changed;
            lock (_output)
            {
                for (; next < _lines.Count; next++)
                {
                    if (_lines[next].Text.Contains(text, StringComparison.Ordinal))
                    {
                        return _lines[next];
                    }
                }

                if (_ended)
                {
                    return null;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Waits for a line containing <paramref name="text"/>; fails with everything the process wrote when it exits
    /// first or the timeout passes.
    /// </summary>
    public async Task<ChildProcessLine> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        if (await WaitForLineAsync(text, timeout) is { } line)
        {
            return line;
        }

        if (HasExited)
        {
            throw new InvalidOperationException($"{_command} exited ({ExitCode}) before writing '{text}':\n{Output}");
        }

        throw new TimeoutException($"{_command} did not write '{text}' within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>True when it exited within the timeout (its output then read to the end); false when it still runs.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        // A grandchild may hold the pipes open after the child has gone; do not wait on it for ever.
        await _pumps.WaitAsync(OutputDrain).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return true;
    }

    /// <summary>
    /// Sends SIGTERM (as systemd, Docker and ECS do) and returns the exit code once the process is gone; fails with
    /// its output when it still runs after <paramref name="timeout"/> (it is then left running, for the caller to kill).
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        SendTerm();
        if (!await WaitForExitAsync(timeout))
        {
            throw new TimeoutException($"{_command} was still running {timeout.TotalSeconds} s after SIGTERM:\n{Output}");
        }

        return ExitCode;
    }

    /// <summary>SIGTERM, then SIGKILL if it has not ended within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        SendTerm();
        if (!await WaitForExitAsync(grace))
        {
            await KillAsync();
        }
    }

    /// <summary>SIGKILL to it and its children: no shutdown, no cleanup.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        await _process.WaitForExitAsync();
        await _pumps.WaitAsync(OutputDrain).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            await KillAsync();
        }

        await _pumps.WaitAsync(OutputDrain).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    // .NET can send SIGKILL (Process.Kill) but no other signal (dotnet/runtime#59746), so SIGTERM goes through libc.
    // DllImport rather than LibraryImport: the latter needs unsafe code for the project, for one int-only call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private void SendTerm()
    {
        if (!HasExited && Kill(Pid, SigTerm) != 0 && !HasExited)
        {
            throw new InvalidOperationException($"could not send SIGTERM to {_command} (pid {Pid}): errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private async Task PumpBothAsync()
    {
        try
        {
            await Task.WhenAll(
                Task.Run(() => PumpAsync(_process.StandardOutput, isError: false)),
                Task.Run(() => PumpAsync(_process.StandardError, isError: true)));
        }
        finally
        {
            lock (_output)
            {
                _ended = true;
                Signal();
            }
        }
    }

    // Splits lines as StreamReader.ReadLine does (\n, \r or \r\n) while keeping the exact text as well.
    private async Task PumpAsync(StreamReader reader, bool isError)
    {
        var raw = isError ? _stderr : _stdout;
        var buffer = new char[4096];
        var line = new StringBuilder();
        var afterCr = false;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (_options.KeepOutput)
            {
                lock (_output)
                {
                    raw.Append(buffer, 0, read);
                }
            }

            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '\n' && afterCr)
                {
                    afterCr = false;
                    continue;
                }

                afterCr = c == '\r';
                if (c is '\n' or '\r')
                {
                    Add(line.ToString(), isError);
                    line.Clear();
                }
                else
                {
                    line.Append(c);
                }
            }
        }

        if (line.Length > 0)
        {
            Add(line.ToString(), isError);
        }
    }

    private void Add(string text, bool isError)
    {
        var line = new ChildProcessLine(text, isError, Elapsed);
        lock (_output)
        {
            if (_options.KeepOutput)
            {
                _lines.Add(line);
            }

            _options.OnLine?.Invoke(this, line);
            Signal();
        }
    }

    // Wakes every waiter; called under the output lock.
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
