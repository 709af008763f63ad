using System.Globalization;

namespace DriftWatch.Bench.Harness;

/// <summary>
/// DriftWatch's monthly AWS bill for an organization, from the requests counted per swept account and per event, and
/// the same control bought as AWS Config or Security Hub's CloudTrail.1. Prices: us-east-1, as read on 2026-12-02; the
/// pages are cited in bench/COST.md. Assumptions are named and printed beside the figures.
/// </summary>
public static class CostModel
{
    public const int Accounts = 1000;
    public const int Regions = 17;
    public const double HoursPerMonth = 730;
    public const double SecondsPerMonth = 30 * 24 * 3600;

    /// <summary>One heartbeat per account and region every 5 minutes (DriftWatch:Heartbeat:Interval's default).</summary>
    public const double HeartbeatsPerMonth = (double)Accounts * Regions * 30 * 24 * 12;

    /// <summary>Assumed: CloudTrail events matching the central rule per account and month, and how many change coverage.</summary>
    public const double EventsPerAccount = 300;
    public const double ChangesPerAccount = 10;

    // Prices (USD).
    public const double EventBridgeCustomPerMillion = 1.00;      // PutEvents of custom events; and events delivered to another account's bus
    public const double SqsPerMillion = 0.40;                   // standard queue requests
    public const double DynamoWritePerMillion = 0.625;          // on-demand write request units
    public const double DynamoReadPerMillion = 0.125;           // on-demand read request units
    public const double FargateVcpuHour = 0.04048;
    public const double FargateGbHour = 0.004445;
    public const double ConfigItem = 0.003;                     // continuous recording
    public const double ConfigRuleEvaluation = 0.001;           // first 100,000 per account and region
    public const double SecurityHubCheck = 0.001;               // first 100,000 checks per account and region
    public const double SecurityHubIngestion = 0.00003;         // beyond 10,000 finding events per account and region, free below

    /// <summary>The table's rows: (item, value).</summary>
    public static IEnumerable<(string Item, string Value)> Monthly(
        IReadOnlyDictionary<string, double> perSweptAccount,
        IReadOnlyDictionary<string, double> perChange,
        IReadOnlyDictionary<string, double> perNoChange,
        IReadOnlyDictionary<string, double> perHeartbeat,
        TimeSpan sweepInterval)
    {
        var sweepsPerAccount = SecondsPerMonth / sweepInterval.TotalSeconds;
        var sweeps = Accounts * sweepsPerAccount;
        var changes = Accounts * ChangesPerAccount;
        var quiet = Accounts * (EventsPerAccount - ChangesPerAccount);

        double Of(IReadOnlyDictionary<string, double> per, string prefix) => per.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(p => p.Value);
        double Reads(IReadOnlyDictionary<string, double> per) => per.GetValueOrDefault("DynamoDB.GetItem") + per.GetValueOrDefault("DynamoDB.Query") + per.GetValueOrDefault("DynamoDB.BatchGetItem");
        double Writes(IReadOnlyDictionary<string, double> per) =>
            per.GetValueOrDefault("DynamoDB.PutItem") + per.GetValueOrDefault("DynamoDB.UpdateItem")
            + (2 * 3 * per.GetValueOrDefault("DynamoDB.TransactWriteItems")); // ~3 items, 2 WRU each (transactional)

        // Heartbeats, as counted per heartbeat: the worker's PutEvents in the member region, plus the forwarder's
        // delivery to the central account's bus (billed as a custom event) and EventBridge's SendMessage (neither is a
        // request of the worker's); SQS receive/delete as counted one message at a time for an event (the heartbeat
        // window's receives are mostly empty long polls, which at 57 heartbeats a second there would not be); the
        // DynamoDB requests as counted (the region's watch, the account's heartbeat lease).
        // Two billed events a heartbeat: its PutEvents (the count it is measured by, so one each) and the delivery.
        var heartbeatEvents = HeartbeatsPerMonth * 2 * EventBridgeCustomPerMillion / 1e6;
        var heartbeatSqs = HeartbeatsPerMonth * (1 + Of(perNoChange, "AmazonSQS.")) * SqsPerMillion / 1e6;
        var heartbeatDynamo = HeartbeatsPerMonth * ((Writes(perHeartbeat) * DynamoWritePerMillion) + (Reads(perHeartbeat) * DynamoReadPerMillion)) / 1e6;

        // Events: each matching CloudTrail event is free on the member's default bus; the delivery to the central bus
        // (another account) is billed as a custom event.
        var eventDelivery = (changes + quiet) * EventBridgeCustomPerMillion / 1e6;
        var eventSqs = ((changes * (1 + Of(perChange, "AmazonSQS."))) + (quiet * (1 + Of(perNoChange, "AmazonSQS.")))) * SqsPerMillion / 1e6;
        var eventDynamo = ((changes * Writes(perChange)) + (quiet * Writes(perNoChange))) * DynamoWritePerMillion / 1e6
            + ((changes * Reads(perChange)) + (quiet * Reads(perNoChange))) * DynamoReadPerMillion / 1e6;
        var sweepDynamo = sweeps * ((Writes(perSweptAccount) * DynamoWritePerMillion) + (Reads(perSweptAccount) * DynamoReadPerMillion)) / 1e6;
        var fargate = 2 * HoursPerMonth * ((0.5 * FargateVcpuHour) + (1 * FargateGbHour));
        var findings = 0.0; // ~2 finding events per incident: far below 10,000 per account and region

        var driftwatch = heartbeatEvents + heartbeatSqs + heartbeatDynamo + eventDelivery + eventSqs + eventDynamo + sweepDynamo + fargate + findings;
        var configRule = Accounts * HoursPerMonth * ConfigRuleEvaluation; // multi-region-cloudtrail-enabled, hourly (its shortest period)
        var configItems = Accounts * ChangesPerAccount * ConfigItem;       // recorder limited to AWS::CloudTrail::Trail
        var hubAllRegions = (double)Accounts * Regions * 30 * SecurityHubCheck; // CloudTrail.1 is periodic: once a day per account and region
        var hubOneRegion = (double)Accounts * 30 * SecurityHubCheck;

        string Usd(double v) => v.ToString("$#,##0.00", CultureInfo.InvariantCulture);
        string M(double v) => (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M";
        yield return ("inputs", $"{Accounts} accounts x {Regions} regions; heartbeats {M(HeartbeatsPerMonth)}/month; sweep every {sweepInterval.TotalSeconds:0} s = {M(sweeps)} evaluations/month; assumed {EventsPerAccount} matching events/account/month of which {ChangesPerAccount} change coverage");
        yield return ("DriftWatch: heartbeats (PutEvents + cross-account delivery)", Usd(heartbeatEvents));
        yield return ("DriftWatch: heartbeats (SQS send/receive/delete)", Usd(heartbeatSqs));
        yield return ("DriftWatch: heartbeats (DynamoDB, as counted per heartbeat)", Usd(heartbeatDynamo));
        yield return ("DriftWatch: CloudTrail events (cross-account delivery + SQS + DynamoDB)", Usd(eventDelivery + eventSqs + eventDynamo));
        yield return ("DriftWatch: sweeps (DynamoDB; CloudTrail reads and STS are free)", Usd(sweepDynamo));
        yield return ("DriftWatch: 2 Fargate tasks, 0.5 vCPU / 1 GB", Usd(fargate));
        yield return ("DriftWatch: Security Hub finding ingestion", Usd(findings) + " (within the 10,000 free events per account and region)");
        yield return ("DriftWatch: total per month (silent drift found within 2 min)", Usd(driftwatch));
        yield return ("AWS Config: rule multi-region-cloudtrail-enabled hourly + trail CIs (found within 1 h)", Usd(configRule + configItems));
        yield return ("Security Hub CloudTrail.1, daily, 17 regions / 1 region (found within 24 h; Config recorder extra)", $"{Usd(hubAllRegions)} / {Usd(hubOneRegion)}");
    }
}
