using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DriftWatch.Core.Trails;
using LifecycleRule = DriftWatch.Core.Trails.LifecycleRule;

namespace DriftWatch.Aws.Destinations;

/// <summary>A log bucket's reads over the AWSSDK.S3 client of the account that signs.</summary>
internal sealed class BucketClient(DestinationSdkClients clients) : IBucketClient
{
    public async Task<string?> GetRegionAsync(string accountId, string region, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await clients.S3For(accountId, region)
                .GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);

            // S3 names us-east-1 "" and, for old buckets, eu-west-1 "EU".
            return reply.Location?.Value switch
            {
                null or "" => "us-east-1",
                "EU" => "eu-west-1",
                var named => named,
            };
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucket")
        {
            return null;
        }
        catch (AmazonServiceException exception)
        {
            throw Failed("GetBucketLocation", exception);
        }
    }

    public async Task<string?> GetPolicyAsync(string accountId, string region, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await clients.S3For(accountId, region)
                .GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);

            // The SDK hands S3's 404 NoSuchBucketPolicy back as a reply whose "policy" is the error document: that is a
            // bucket without a policy. Any other failure, or a success with no policy in it (a reply cut short on the
            // way), is a read that failed: taken as "no policy", it would call a deliverable trail broken.
            if (reply.HttpStatusCode == HttpStatusCode.NotFound && reply.Policy?.Contains("<Code>NoSuchBucketPolicy</Code>", StringComparison.Ordinal) == true)
            {
                return null;
            }

            var status = (int)reply.HttpStatusCode;
            if (status is < 200 or > 299)
            {
                throw Unread("UnexpectedStatus");
            }

            return string.IsNullOrWhiteSpace(reply.Policy) ? throw Unread("EmptyReply") : reply.Policy;

            AwsServiceException Unread(string code) =>
                new("S3", "GetBucketPolicy", code, $"GetBucketPolicy of bucket {bucket} answered {status} with no policy", reply.HttpStatusCode);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucketPolicy")
        {
            return null;
        }
        catch (AmazonServiceException exception)
        {
            throw Failed("GetBucketPolicy", exception);
        }
    }

    public async Task<IReadOnlyList<LifecycleRule>> GetLifecycleRulesAsync(string accountId, string region, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await clients.S3For(accountId, region)
                .GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return (reply.Configuration?.Rules ?? []).Select(Rule).ToList();
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchLifecycleConfiguration")
        {
            return [];
        }
        catch (AmazonServiceException exception)
        {
            throw Failed("GetBucketLifecycleConfiguration", exception);
        }
    }

    // A rule's prefix is in its filter (alone or under And), or, in the old form, on the rule itself. A fixed expiry
    // date deletes whatever is there on that day: as short a retention as there is (0 days).
    private static LifecycleRule Rule(Amazon.S3.Model.LifecycleRule rule)
    {
        var filter = rule.Filter;
        var predicate = filter?.LifecycleFilterPredicate;
        var and = predicate as LifecycleAndOperator;
#pragma warning disable CS0618 // Rule.Prefix is the old form, still returned for rules written that way.
        var prefix = (predicate as LifecyclePrefixPredicate)?.Prefix
            ?? and?.Operands?.OfType<LifecyclePrefixPredicate>().FirstOrDefault()?.Prefix
            ?? Blank(filter?.Prefix) ?? Blank(filter?.And?.Prefix) ?? rule.Prefix ?? "";
#pragma warning restore CS0618
        var tagged = predicate is LifecycleTagPredicate || and?.Operands?.OfType<LifecycleTagPredicate>().Any() == true
            || filter?.Tag is not null || filter?.And?.Tags is { Count: > 0 };
        var days = rule.Expiration?.Days is > 0 ? rule.Expiration.Days : rule.Expiration?.Date is not null ? 0 : null;
        return new LifecycleRule(rule.Id ?? "", rule.Status == LifecycleRuleStatus.Enabled, days, prefix, tagged);
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static AwsServiceException Failed(string operation, AmazonServiceException exception) =>
        new("S3", operation, exception.ErrorCode ?? exception.GetType().Name, exception.Message, exception.StatusCode, exception);
}
