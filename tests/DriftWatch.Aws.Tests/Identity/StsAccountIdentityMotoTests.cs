using DriftWatch.Aws.Identity;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.Identity;

[Collection(MotoCollection.Name)]
public sealed class StsAccountIdentityMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task ReturnsTheCallersAccountId()
    {
        await moto.Server.ResetAsync();
        using var aws = AwsServices.ForMoto(moto.Endpoint, region: "eu-west-1");

        var accountId = await aws.GetRequiredService<IAccountIdentity>().GetAccountIdAsync(CancellationToken.None);

        Assert.Equal(MotoAws.AccountId, accountId);
    }
}
