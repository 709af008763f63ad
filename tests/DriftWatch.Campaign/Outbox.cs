using Amazon.DynamoDBv2;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;

namespace DriftWatch.Campaign;

/// <summary>Waits until no notice is left waiting in the incidents table.</summary>
public static class Outbox
{
    /// <summary>True once the outbox is empty; false when it is still not at the timeout.</summary>
    public static async Task<bool> WaitUntilEmptyAsync(Uri moto, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });
        var outbox = new DynamoDbNoticeOutbox(dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await outbox.ListPendingAsync(cancellationToken)).Count == 0)
            {
                return true;
            }

            await Task.Delay(500, cancellationToken);
        }

        return false;
    }
}
