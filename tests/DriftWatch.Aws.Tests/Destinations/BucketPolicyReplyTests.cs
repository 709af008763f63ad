using Amazon.S3;
using Amazon.S3.Model;
using DriftWatch.Aws.Destinations;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.Destinations;

/// <summary>
/// GetBucketPolicy through the AWSSDK.S3 client as AddDriftWatchAws registers it. A bucket without a policy is S3's
/// 404 NoSuchBucketPolicy (moto's, here), which the SDK hands back as a reply holding the error document, not as an
/// exception; a success with nothing in it is a reply that could not be read, never a bucket without a policy. The fault
/// campaign's proxy sends such replies, and read as "no policy" they called deliverable trails broken.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class BucketPolicyReplyTests(MotoFixture moto)
{
    private const string Bucket = "destination-logs";

    [Fact]
    public async Task ABucketWithoutAPolicyReadsAsNoPolicy()
    {
        await moto.Server.ResetAsync();
        using (var s3 = new AmazonS3Client(MotoAws.Credentials, new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        }

        using var aws = AwsServices.ForMoto(moto.Endpoint);

        Assert.Null(await aws.GetRequiredService<IBucketClient>().GetPolicyAsync(MotoAws.AccountId, "us-east-1", Bucket, CancellationToken.None));
    }

    [Fact]
    public async Task ASuccessWithNoPolicyInItCouldNotBeReadAndIsNotABucketWithoutAPolicy()
    {
        await using var endpoint = new LoopbackHttpServer((request, _) => Task.FromResult(
            request.Body.Contains("GetCallerIdentity", StringComparison.Ordinal)
                ? LoopbackReply.Text(200, $"<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::{MotoAws.AccountId}:user/ci</Arn><UserId>AIDA</UserId><Account>{MotoAws.AccountId}</Account></GetCallerIdentityResult></GetCallerIdentityResponse>", "text/xml")
                : LoopbackReply.Empty(200)));
        using var aws = AwsServices.ForMoto(endpoint.Endpoint);

        var cutShort = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.GetRequiredService<IBucketClient>().GetPolicyAsync(MotoAws.AccountId, "us-east-1", Bucket, CancellationToken.None));

        Assert.Equal(("S3", "GetBucketPolicy", "EmptyReply"), (cutShort.Service, cutShort.Operation, cutShort.ErrorCode));
        Assert.Contains(endpoint.Requests, r => r.Method == "GET" && r.PathAndQuery == $"/{Bucket}/?policy");
    }
}
