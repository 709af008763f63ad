using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Campaign;

/// <summary>
/// The campaign's results. Truth is moto's final state, read back account by account with each account's own keys
/// and evaluated by the pure core, not anything the workers recorded; the workers' tables, webhook deliveries,
/// dead letters and logs are then held against it.
/// </summary>
public sealed class Figures
{
    private readonly List<(string Name, string Value, string Target, bool Ok)> _rows = [];

    /// <summary>
    /// For each account whose recorded transitions do not match what the campaign did: both, side by side in time, so
    /// a missed target can be traced to the evaluation that caused it (written to mismatches.txt).
    /// </summary>
    public string Mismatches { get; private set; } = "";

    /// <summary>True when every row with a target met it.</summary>
    public bool TargetsMet => _rows.All(r => r.Ok);

    /// <summary>Reads everything back and computes the figures.</summary>
    public static async Task<Figures> ComputeAsync(
        Uri moto, Fleet fleet, Record record, Queues queues, WebhookReceiver webhook, TimeSpan wall, CancellationToken ct)
    {
        var figures = new Figures();

        // Truth: moto's final state, each account read with its own keys.
        var truth = new Dictionary<string, ComplianceStatus>();
        foreach (var member in fleet.Members)
        {
            await using var aws = AwsServices.ForMoto(moto, member.Credentials);
            var snapshot = await aws.GetRequiredService<AccountSnapshotReader>().ReadAsync(member.AccountId, "us-east-1", ct);
            truth[member.AccountId] = ComplianceEvaluator.Evaluate(snapshot, DateTimeOffset.UtcNow, null).Status;
        }

        using var dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });
        var records = new DynamoDbStateStore(dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
        var transitions = (await records.ListTransitionsAsync(null, null, ct)).GroupBy(t => t.AccountId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Version).ToList());
        var incidents = await records.ListIncidentsAsync(openOnly: false, ct);

        int expected = 0, recorded = 0, lost = 0, duplicate = 0, falseFail = 0, errorTransitions = 0, detailOnly = 0, modelMismatch = 0;
        var mismatches = new StringBuilder();
        foreach (var member in fleet.Members)
        {
            var list = transitions.GetValueOrDefault(member.AccountId) ?? [];
            for (var i = 1; i < list.Count; i++)
            {
                // The decider records only changes: two in a row with the same after-state is a duplicate.
                if (list[i].Version == list[i - 1].Version || list[i].After.Fingerprint == list[i - 1].After.Fingerprint)
                {
                    duplicate++;
                }
            }

            // Coverage changes: pass/fail only; "could not evaluate" in between neither changes nor hides coverage.
            var chain = new List<ComplianceStatus>();
            foreach (var t in list)
            {
                if (t.To == ComplianceStatus.Error)
                {
                    errorTransitions++;
                }
                else if (chain.Count == 0 || chain[^1] != t.To)
                {
                    chain.Add(t.To);
                }
                else
                {
                    detailOnly++;
                }
            }

            var (matched, unmatchedRecorded) = Align(member.Expected, chain);
            if (matched != member.Expected.Count || unmatchedRecorded.Count > 0)
            {
                mismatches.Append(Mismatch(member, list));
            }
            expected += member.Expected.Count;
            recorded += chain.Count;
            lost += member.Expected.Count - matched;
            falseFail += unmatchedRecorded.Count(s => s == ComplianceStatus.Fail);
            duplicate += unmatchedRecorded.Count(s => s != ComplianceStatus.Fail);
            modelMismatch += truth[member.AccountId] == member.Expected[^1] ? 0 : 1;
        }

        // Incidents: one per drop; open at the end exactly where the truth fails.
        var expectedOpens = fleet.Members.Sum(m => m.Expected.Count(s => s == ComplianceStatus.Fail));
        var duplicateIncidents = fleet.Members.Sum(m => Math.Max(0, incidents.Count(i => i.AccountId == m.AccountId) - m.Expected.Count(s => s == ComplianceStatus.Fail)));
        var missingIncidents = fleet.Members.Sum(m => Math.Max(0, m.Expected.Count(s => s == ComplianceStatus.Fail) - incidents.Count(i => i.AccountId == m.AccountId)));
        var openAccounts = incidents.Where(i => i.IsOpen).Select(i => i.AccountId).ToList();
        var failing = truth.Where(t => t.Value == ComplianceStatus.Fail).Select(t => t.Key).ToHashSet();
        var openMatchesTruth = openAccounts.Count == openAccounts.Distinct().Count() && failing.SetEquals(openAccounts);

        // Webhook: every incident announced (opened, and resolved when resolved), under its own id, none invented.
        var seen = webhook.Seen;
        var opened = seen.Where(d => d.Type == "incident.opened").Select(d => (string)d.Json["incidentId"]!).ToHashSet();
        var resolved = seen.Where(d => d.Type == "incident.resolved").Select(d => (string)d.Json["incidentId"]!).ToHashSet();
        var ids = incidents.Select(i => i.IncidentId).ToHashSet();
        var undelivered = incidents.Count(i => !opened.Contains(i.IncidentId)) + incidents.Count(i => !i.IsOpen && !resolved.Contains(i.IncidentId));
        var invented = opened.Concat(resolved).Count(id => !ids.Contains(id));
        var redelivered = seen.Count - seen.Select(d => (d.Type, (string)d.Json["incidentId"]!)).Distinct().Count();

        // Dead letters: every poison message once, with a reason; no real event among them.
        var dead = await queues.DrainDeadLettersAsync(ct);
        var parked = dead.Where(m => Queues.Rejection(m) is not null).ToList();
        var parkedIds = parked.Select(m => Queues.SourceId(m)!).ToHashSet();
        var poisonParked = record.MalformedIds.Count(parkedIds.Contains);
        var validDead = dead.Count(m => !record.MalformedIds.Contains(Queues.SourceId(m) ?? m.MessageId));
        var redriven = dead.Count - parked.Count;

        // Logs: nothing secret, nothing a terminal would execute, no forged lines.
        var lines = record.WorkerLines;
        var escapes = lines.Count(l => l.Any(c => c is '\u001b' or '\u009b' or '\r' or '\u0007' or '\u0008' || (char.IsControl(c) && c != '\t')));
        var bidi = lines.Count(l => l.Contains('\u202e', StringComparison.Ordinal));
        var forged = lines.Count(l => l.StartsWith(Messages.ForgedLine, StringComparison.Ordinal));
        var secrets = lines.Count(l => CampaignRun.PlantedSecrets.Any(s => l.Contains(s, StringComparison.Ordinal)));
        var couldNot = lines.Count(l => l.Contains("Could not evaluate account", StringComparison.Ordinal));
        var failedAttempts = lines.Count(l => l.Contains("Evaluation for ", StringComparison.Ordinal) && l.Contains(" failed (", StringComparison.Ordinal));
        var webhookRefusals = lines.Count(l => l.Contains("stays in the outbox", StringComparison.Ordinal));
        var fromOutbox = lines.Count(l => l.Contains("from the outbox", StringComparison.Ordinal));

        figures.Info("events sent (distinct, one per real CloudTrail call)", record.DistinctEvents);
        figures.Info("  via PutEvents -> deployed regional rule -> central bus -> queue", record.ViaEventBridge);
        figures.Info("  with hostile actor/user agent (ANSI, control chars, forged lines)", record.HostileEvents);
        figures.Info("duplicate copies sent", record.DuplicatesSent);
        figures.Info("malformed messages sent (7 kinds, of which hostile-text)", $"{record.MalformedSent} ({record.HostileMalformed})");
        figures.Info("messages in all", record.DistinctEvents + record.DuplicatesSent + record.MalformedSent);
        figures.Info("accounts (central + STS AssumeRole)", fleet.Members.Count);
        figures.Info("worker processes", record.WorkerKinds);
        figures.Info("real coverage changes (+ silent, no event)", $"{record.Changes} (+{record.SilentChanges})");
        figures.Add("transitions expected vs recorded", $"{expected} vs {recorded}", "equal", expected == recorded);
        figures.Add("lost transitions", lost, "0", lost == 0);
        figures.Add("duplicate transitions", duplicate, "0", duplicate == 0);
        figures.Info("  detail-only transitions (fail -> fail, e.g. trail recreated)", detailOnly);
        figures.Add("incidents in table vs drops", $"{incidents.Count} vs {expectedOpens}", "equal", incidents.Count == expectedOpens);
        figures.Add("duplicate incidents (table)", duplicateIncidents, "0", duplicateIncidents == 0);
        figures.Add("missing incidents (table)", missingIncidents, "0", missingIncidents == 0);
        figures.Add("incidents open at end vs accounts failing in truth", $"{openAccounts.Count} vs {failing.Count}", "same accounts", openMatchesTruth);
        figures.Add("model vs moto final state disagreements", modelMismatch, "0", modelMismatch == 0);
        figures.Add("webhook: incidents never announced", undelivered, "0", undelivered == 0);
        figures.Add("webhook: notices for incidents that do not exist", invented, "0", invented == 0);
        figures.Info("webhook: same notice delivered again (same id, idempotent)", redelivered);
        figures.Info("webhook: notices kept in the outbox while it was down / delivered from it", $"{webhookRefusals} / {fromOutbox}");
        figures.Add("malformed in DLQ (distinct, with reason) vs sent", $"{poisonParked} vs {record.MalformedSent}", "equal", poisonParked == record.MalformedSent);
        figures.Add("valid events in the DLQ", validDead, "0", validDead == 0);
        figures.Info("DLQ copies in all (parked twice after a crash / moved by SQS redrive)", $"{dead.Count} ({parked.Count - parkedIds.Count} / {redriven})");
        figures.Add("worker restarts survived (SIGKILL mid-round + crash right after commit)",
            $"{record.Restarts} (kill {(record.Faults.Killed ? "yes" : "no")}, crash-after-commit {(record.Faults.CrashFired ? "fired" : "did not fire")})",
            ">= 2", record.Restarts >= 2 && record.Faults.Killed && record.Faults.CrashFired);
        figures.Info("outage: requests reset while moto was unreachable", record.CutRequests);
        figures.Info("throttling: CloudTrail calls answered ThrottlingException / through proxy", $"{record.Throttled} / {record.CloudTrailCalls}");
        figures.Info("evaluations that ended in \"could not evaluate\" (verdict Error)", couldNot);
        figures.Info("  of which recorded as an Error transition", errorTransitions);
        figures.Info("evaluation attempts that failed outright (AWS unreachable) and were retried", failedAttempts);
        figures.Add("\"could not evaluate\" wrongly reported as fail", falseFail, "0", falseFail == 0);
        // "Swept N accounts": a sweep that ran but skipped accounts would miss the silent changes it is there for.
        var swept = record.SweepLines.Select(l => Regex.Match(l, @"Swept (\d+) accounts")).LastOrDefault(m => m.Success) is { } line
            ? int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture)
            : 0;
        figures.Add(
            "final sweep ran: accounts swept vs in the fleet",
            record.FinalSweepRan ? $"{swept} vs {fleet.Members.Count}" : "no",
            "all",
            record.FinalSweepRan && swept == fleet.Members.Count);
        figures.Add("notices left in the outbox at the end", record.OutboxEmpty ? 0 : 1, "0", record.OutboxEmpty);
        figures.Add("rounds whose queue did not drain in time", record.BarrierTimeouts, "0", record.BarrierTimeouts == 0);
        figures.Add("log lines with terminal escapes / control characters", escapes, "0", escapes == 0);
        figures.Add("log lines with a bidi override", bidi, "0", bidi == 0);
        figures.Add("forged log lines", forged, "0", forged == 0);
        figures.Add("log lines with a credential, webhook token or HMAC secret", secrets, "0", secrets == 0);
        figures.Info("worker log lines scanned", lines.Count);
        figures.Info("wall time", $"{wall.TotalSeconds:0} s");
        figures.Mismatches = mismatches.ToString();
        return figures;
    }

    /// <summary>Prints the table and the verdict.</summary>
    public void Print(TextWriter output, CampaignSettings settings) => output.Write(ToText(settings));

    /// <summary>The table and the verdict as text.</summary>
    public string ToText(CampaignSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n=== DriftWatch fault campaign, {settings.Scale} scale, seed {settings.Seed}");
        foreach (var (name, value, target, ok) in _rows)
        {
            var mark = target.Length == 0 ? "  " : ok ? "ok" : "!!";
            var goal = target.Length == 0 ? "" : $"(target {target})";
            text.AppendLine(CultureInfo.InvariantCulture, $"{mark} {name,-78} {value,-22} {goal}");
        }

        text.AppendLine(TargetsMet ? "RESULT: every target met" : "RESULT: TARGETS MISSED (rows marked !!)");
        return text.ToString();
    }

    private static string Mismatch(Fleet.Member member, IReadOnlyList<Transition> recorded)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"account {member.AccountId}");
        text.AppendLine("  expected (time the change was complete):");
        foreach (var line in member.History)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
        }

        text.AppendLine("  recorded:");
        foreach (var t in recorded)
        {
            var events = string.Join(", ", t.Cause.Events.Select(e => FormattableString.Invariant($"{e.EventName}@{e.EventTime:HH:mm:ss}")));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"    v{t.Version} {t.DetectedAt:HH:mm:ss.fff} {t.From?.ToString() ?? "unknown"} -> {t.To} cause {t.Cause.Kind} [{events}] after {t.After.Fingerprint} {string.Join(" / ", t.After.Reasons)}");
        }

        return text.ToString();
    }

    // Longest common subsequence of the expected and recorded status chains: what matched, and what was recorded
    // that nothing explains.
    private static (int Matched, List<ComplianceStatus> UnmatchedRecorded) Align(IReadOnlyList<ComplianceStatus> expected, IReadOnlyList<ComplianceStatus> recorded)
    {
        var table = new int[expected.Count + 1, recorded.Count + 1];
        for (var i = expected.Count - 1; i >= 0; i--)
        {
            for (var j = recorded.Count - 1; j >= 0; j--)
            {
                table[i, j] = expected[i] == recorded[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        var unmatched = new List<ComplianceStatus>();
        int a = 0, b = 0;
        while (a < expected.Count && b < recorded.Count)
        {
            if (expected[a] == recorded[b])
            {
                a++;
                b++;
            }
            else if (table[a + 1, b] >= table[a, b + 1])
            {
                a++;
            }
            else
            {
                unmatched.Add(recorded[b++]);
            }
        }

        unmatched.AddRange(recorded.Skip(b));
        return (table[0, 0], unmatched);
    }

    private void Add(string name, object value, string target, bool ok) =>
        _rows.Add((name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", target, ok));

    private void Info(string name, object value) => Add(name, value, "", true);
}
