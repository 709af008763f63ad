using DriftWatch.Aws.Destinations;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.Destinations;

/// <summary>
/// The S3 and KMS SDK clients of the destination reads: one per (account, region) while held, and never more than
/// the capacity, however many accounts an organization has. Building a client calls nothing, so no moto is needed.
/// </summary>
public sealed class DestinationSdkClientsTests : IDisposable
{
    private readonly ServiceProvider _aws = AwsServices.ForMoto(new Uri("http://127.0.0.1:9/"));

    private DestinationSdkClients Clients => _aws.GetRequiredService<DestinationSdkClients>();

    [Fact]
    public void ReusesTheClientOfAnAccountAndRegionWhileItIsHeld()
    {
        var first = Clients.S3For("111111111111", "eu-west-1");

        Assert.Same(first, Clients.S3For("111111111111", "eu-west-1"));
        Assert.NotSame(first, Clients.S3For("111111111111", "us-east-1"));
        Assert.NotSame(first, Clients.S3For("222222222222", "eu-west-1"));
    }

    [Fact]
    public void HoldsNoMoreThanItsCapacityOfClientsAcrossAThousandAccounts()
    {
        foreach (var account in Enumerable.Range(0, 1000).Select(i => (400000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Clients.S3For(account, "eu-west-1");
            Clients.KmsFor(account, "eu-west-1");
        }

        Assert.InRange(Clients.Count, 1, 2 * DestinationSdkClients.Capacity);
    }

    public void Dispose() => _aws.Dispose();
}
