using DriftWatch.Testing;

namespace DriftWatch.Aws.Tests.Identity;

[Collection(MotoCollection.Name)]
public sealed class StsAccountIdentityMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task ReturnsTheCallersAccountId()
    {
        await moto.Server.ResetAsync();
        using var clients = MotoAws.CreateClients(moto.Endpoint, "eu-west-1");

        var accountId = await clients.Identity.GetAccountIdAsync(CancellationToken.None);

        Assert.Equal(MotoAws.AccountId, accountId);
    }
}
