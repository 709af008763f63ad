namespace DriftWatch.Campaign;

/// <summary>Which faults were injected, and whether each took effect.</summary>
public sealed class Faults
{
    /// <summary>worker-a got SIGKILL mid-round.</summary>
    public bool Killed { get; set; }

    /// <summary>The crash-after-commit trigger was armed for worker-b.</summary>
    public bool CrashArmed { get; set; }

    /// <summary>worker-b died right after a commit (the trigger file was consumed).</summary>
    public bool CrashFired { get; set; }

    /// <summary>The proxy cut the workers off from moto.</summary>
    public bool Outage { get; set; }

    /// <summary>The webhook answered 503 for a stretch.</summary>
    public bool WebhookWasDown { get; set; }
}

/// <summary>What the campaign sent and did, for the figures.</summary>
public sealed class Record
{
    /// <summary>Distinct CloudTrail events (one per real API call).</summary>
    public int DistinctEvents { get; private set; }

    /// <summary>Second copies sent.</summary>
    public int DuplicatesSent { get; private set; }

    /// <summary>Poison sent.</summary>
    public int MalformedSent { get; private set; }

    /// <summary>Events that went PutEvents → regional rule → central bus → queue.</summary>
    public int ViaEventBridge { get; private set; }

    /// <summary>Valid events whose actor and user agent were hostile.</summary>
    public int HostileEvents { get; private set; }

    /// <summary>Poison messages full of control characters and ANSI escapes.</summary>
    public int HostileMalformed { get; private set; }

    /// <summary>Account changes made (each flips pass/fail).</summary>
    public int Changes { get; set; }

    /// <summary>Changes made at the end with no event.</summary>
    public int SilentChanges { get; set; }

    /// <summary>SQS ids of the poison messages.</summary>
    public HashSet<string> MalformedIds { get; } = [];

    /// <summary>Rounds whose queue did not drain in time.</summary>
    public int BarrierTimeouts { get; set; }

    /// <summary>Worker incarnations after the first, over both workers.</summary>
    public int Restarts { get; set; }

    /// <summary>What each worker process ran.</summary>
    public string WorkerKinds { get; set; } = "";

    /// <summary>Every worker's output.</summary>
    public IReadOnlyList<string> WorkerLines { get; set; } = [];

    /// <summary>The final sweeper's output.</summary>
    public IReadOnlyList<string> SweepLines { get; set; } = [];

    /// <summary>The final sweep logged its end.</summary>
    public bool FinalSweepRan { get; set; }

    /// <summary>No notice left undelivered at the end.</summary>
    public bool OutboxEmpty { get; set; }

    /// <summary>CloudTrail calls the proxy answered with ThrottlingException.</summary>
    public long Throttled { get; set; }

    /// <summary>CloudTrail calls through the proxy.</summary>
    public long CloudTrailCalls { get; set; }

    /// <summary>Requests reset during the outage.</summary>
    public long CutRequests { get; set; }

    /// <summary>Faults injected.</summary>
    public Faults Faults { get; set; } = new();

    /// <summary>Counts a batch just sent.</summary>
    public void Add(IEnumerable<QueueMessage> batch)
    {
        foreach (var message in batch)
        {
            switch (message.Kind)
            {
                case MessageKind.Event:
                    DistinctEvents++;
                    ViaEventBridge += message.ViaEventBridge ? 1 : 0;
                    HostileEvents += message.Hostile ? 1 : 0;
                    break;
                case MessageKind.Duplicate:
                    DuplicatesSent++;
                    break;
                default:
                    MalformedSent++;
                    HostileMalformed += message.Hostile ? 1 : 0;
                    break;
            }
        }
    }
}
