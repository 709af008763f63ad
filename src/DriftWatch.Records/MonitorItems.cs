using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>
/// The items DriftWatch keeps about itself in the state table, beside the accounts' states: a region's watch and a
/// lease. Their keys start with a word and a '#', which no 12-digit account id does, so readers of account states
/// (which keep to account ids) never take them for an account.
/// </summary>
internal static class MonitorItems
{
    public static string WatchKey(string accountId, string region) => $"monitor#{accountId}#{region}";

    public static string LeaseKey(string name) => $"lease#{name}";

    public static Dictionary<string, AttributeValue> Watch(RegionWatch w)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["AccountId"] = DynamoItems.S(WatchKey(w.AccountId, w.Region)),
            ["Account"] = DynamoItems.S(w.AccountId),
            ["Region"] = DynamoItems.S(w.Region),
            ["Version"] = new() { N = w.Version.ToString(CultureInfo.InvariantCulture) },
            ["WatchedSince"] = DynamoItems.S(DynamoItems.Time(w.WatchedSince)),
            ["ForwarderProblems"] = DynamoItems.S(StoredJson.Write(w.ForwarderProblems)),
            ["ForwarderRemediation"] = DynamoItems.S(StoredJson.Write(w.ForwarderRemediation)),
        };
        Optional(item, "LastHeartbeatAt", w.LastHeartbeatAt);
        Optional(item, "VerifiedAt", w.VerifiedAt);
        if (w.OpenIncidentId is { } open)
        {
            item["OpenIncidentId"] = DynamoItems.S(open);
        }

        return item;
    }

    public static RegionWatch Watch(Dictionary<string, AttributeValue> item) => new(
        item["Account"].S,
        item["Region"].S,
        long.Parse(item["Version"].N, CultureInfo.InvariantCulture),
        DynamoItems.ParseTime(item["WatchedSince"].S),
        Time(item, "LastHeartbeatAt"),
        StoredJson.Read<List<string>>(item["ForwarderProblems"].S),
        StoredJson.Read<List<string>>(item["ForwarderRemediation"].S),
        Time(item, "VerifiedAt"),
        DynamoItems.Text(item, "OpenIncidentId"));

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        DynamoItems.Text(item, name) is { } text ? DynamoItems.ParseTime(text) : null;

    private static void Optional(Dictionary<string, AttributeValue> item, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            item[name] = DynamoItems.S(DynamoItems.Time(time));
        }
    }
}
