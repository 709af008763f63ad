using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Records;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Sweep;

namespace DriftWatch.Campaign;

/// <summary>
/// The final sweep stands for the next interval's sweep. The running workers leased every account for one interval
/// (an hour here) when they started, so a worker started now would rightly skip them all; expiring the leases is
/// what that hour passing would do.
/// </summary>
public static class SweepLeases
{
    /// <summary>Deletes the sweep lease of every account of the fleet; returns how many there were.</summary>
    public static async Task<int> ExpireAsync(Uri moto, Fleet fleet, CancellationToken cancellationToken)
    {
        using var dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });
        var table = new StorageOptions().StateTable;
        var expired = 0;
        foreach (var member in fleet.Members)
        {
            var reply = await dynamo.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = table,
                    Key = new() { ["AccountId"] = new AttributeValue(MonitorItems.LeaseKey(SweepService.LeaseName(member.AccountId))) },
                    ReturnValues = ReturnValue.ALL_OLD,
                },
                cancellationToken);
            if (reply.Attributes is { Count: > 0 })
            {
                expired++;
            }
        }

        return expired;
    }
}
