using DriftWatch.Aws.CloudTrail;
using DriftWatch.Core.Trails;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.CloudTrail;

[Collection(MotoCollection.Name)]
public sealed class CloudTrailClientMotoTests(MotoFixture moto) : IDisposable
{
    private readonly CloudTrailDriver _driver = new(moto.Endpoint);
    private readonly ServiceProvider _aws = AwsServices.ForMoto(moto.Endpoint);

    public void Dispose()
    {
        _driver.Dispose();
        _aws.Dispose();
    }

    [Fact]
    public async Task GetTrailStatusOfAnUnknownTrailThrowsTrailNotFound()
    {
        await moto.Server.ResetAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _aws.GetRequiredService<ICloudTrailClient>().GetTrailStatusAsync(
            MotoAws.AccountId,
            "us-east-1", "arn:aws:cloudtrail:us-east-1:123456789012:trail/missing", CancellationToken.None));

        Assert.Equal("TrailNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task ReadsBackAdvancedSelectors()
    {
        await moto.Server.ResetAsync();
        await _driver.CreateBucketAsync("trail-logs");
        var arn = await _driver.CreateTrailAsync("adv-trail", "us-east-1", multiRegion: false, "trail-logs");
        await _driver.PutEventSelectorsAsync(
            "adv-trail", "us-east-1", advancedSelectorsJson: """[{"Name":"mgmt","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]""");

        var selectors = await _aws.GetRequiredService<ICloudTrailClient>().GetEventSelectorsAsync(MotoAws.AccountId, "us-east-1", arn, CancellationToken.None);

        Assert.Empty(selectors.Basic);
        var field = Assert.Single(Assert.Single(selectors.Advanced).FieldSelectors);
        Assert.Equal(new AdvancedFieldSelector("eventCategory"), field with { EqualsAny = null });
        Assert.Equal(["Management"], field.EqualsAny!);
    }
}
