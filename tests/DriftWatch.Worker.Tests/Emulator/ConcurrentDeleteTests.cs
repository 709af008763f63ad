using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Emulator;

/// <summary>
/// SQS on the moto the tests run (emulator/moto_server.py). moto's DeleteMessage rebuilds the queue's message list and
/// assigns it back, without the lock its SendMessage appends under, so a delete or a send that landed in between was
/// undone: a deleted message came back (hidden until its visibility timeout, then delivered again) and a sent one could
/// vanish. The worker deletes up to 16 messages at once while EventBridge sends, which is how the bench's burst was left
/// with a message "in flight" now and then. Whether two threads interleave is up to Python's scheduler, so the test
/// checks the cause, in moto's own process: the list is read, and assigned, only while the queue's lock is held.
/// </summary>
public sealed class ConcurrentDeleteTests
{
    private const string Check = """
        import sys
        sys.argv = ["moto_server"]
        sys.path.insert(0, EMULATOR)
        import moto_server  # applies the emulator's patches, as the server does on start
        from moto.sqs.models import sqs_backends

        sqs = sqs_backends["123456789012"]["us-east-1"]
        queue = sqs.create_queue("q")
        sqs.send_message("q", "one")
        sqs.send_message("q", "two")
        first = sqs.receive_message("q", 1, 0, 30)[0]
        reads = []

        class Watched(list):
            def __iter__(self):
                reads.append(queue._messages_lock._is_owned())
                return super().__iter__()

        queue._messages = Watched(queue._messages)
        sqs.delete_message("q", first.receipt_handle)
        left = [m.body for m in queue._messages]
        print("reads", len(reads), "under the lock", sum(reads), "left", left)
        """;

    [Fact]
    public async Task MotoRebuildsAQueuesMessagesOnDeleteOnlyUnderTheLockItsSendsAppendUnder()
    {
        var emulator = Path.Combine(RepositoryRoot.Path, "emulator");
        var result = await ChildProcess.RunAsync(new ChildCommand("python3", ["-c", Check.Replace("EMULATOR", $"'{emulator}'", StringComparison.Ordinal)]));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("reads 2 under the lock 2 left ['two']", result.Stdout.Trim());
    }
}
