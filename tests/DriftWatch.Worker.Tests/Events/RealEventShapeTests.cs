using System.Text.Json.Nodes;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Events;

namespace DriftWatch.Worker.Tests.Events;

/// <summary>
/// The parser on records shaped like the ones AWS delivers (the fields of AWS's documented CloudTrail examples and of
/// Stratus Red Team's detonation logs; values are our own): each source DriftWatch listens to, trails named by ARN or
/// by trailName, buckets, keys by id, ARN, alias or resources[], Organizations calls and event ids that are no UUIDs.
/// </summary>
public sealed class RealEventShapeTests
{
    private const string Account = "210987654321";
    private const string Member = "345678901234";

    /// <summary>The EventBridge envelope AWS wraps a CloudTrail record in (no account field, as moto delivers it too).</summary>
    private static string Delivered(string source, string record) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = "3d2f3e1c-5a7b-4c9d-8e6f-0a1b2c3d4e5f",
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = source,
        ["time"] = "2026-10-05T08:14:02Z",
        ["region"] = "eu-central-1",
        ["resources"] = new JsonArray(),
        ["detail"] = JsonNode.Parse(record),
    }.ToJsonString();

    private static TriggerEvent Accepted(string body)
    {
        var parsed = CloudTrailEventParser.Parse(body);
        Assert.Null(parsed.Rejection);
        return Assert.IsType<TriggerEvent>(parsed.Event);
    }

    [Fact]
    public void StopLoggingFromTheConsoleNamesTheTrailByArnAndKeepsIt()
    {
        var e = Accepted(Delivered("aws.cloudtrail", $$"""
            {
              "eventVersion": "1.09",
              "userIdentity": {
                "type": "AssumedRole",
                "principalId": "AROAEXAMPLEROLEID:ops-session",
                "arn": "arn:aws:sts::{{Account}}:assumed-role/OpsAdmin/ops-session",
                "accountId": "{{Account}}",
                "accessKeyId": "ASIAEXAMPLEKEY",
                "sessionContext": { "attributes": { "creationDate": "2026-10-05T08:01:00Z", "mfaAuthenticated": "true" } }
              },
              "eventTime": "2026-10-05T08:14:01Z",
              "eventSource": "cloudtrail.amazonaws.com",
              "eventName": "StopLogging",
              "awsRegion": "eu-central-1",
              "sourceIPAddress": "192.0.2.44",
              "userAgent": "AWS Internal",
              "requestParameters": { "name": "arn:aws:cloudtrail:eu-central-1:{{Account}}:trail/org-management-events" },
              "responseElements": null,
              "requestID": "5f0c1f0e-2d5e-4a53-9d0f-1c9b7c4d2e11",
              "eventID": "9a4c1b7e-63e2-4d0f-b1b5-2f6a3c7d8e90",
              "readOnly": false,
              "eventType": "AwsApiCall",
              "managementEvent": true,
              "recipientAccountId": "{{Account}}",
              "eventCategory": "Management"
            }
            """));

        Assert.Equal(("StopLogging", Account, "eu-central-1"), (e.EventName, e.AccountId, e.Region));
        Assert.Equal($"arn:aws:cloudtrail:eu-central-1:{Account}:trail/org-management-events", e.TrailName);
        Assert.Equal(("AssumedRole", "192.0.2.44"), (e.ActorType, e.SourceIp));
    }

    [Fact]
    public void PutEventSelectorsNamesTheTrailInTrailName()
    {
        var e = Accepted(Delivered("aws.cloudtrail", $$"""
            {
              "eventVersion": "1.09",
              "userIdentity": { "type": "IAMUser", "arn": "arn:aws:iam::{{Account}}:user/ci-deployer", "accountId": "{{Account}}", "userName": "ci-deployer" },
              "eventTime": "2026-10-05T08:20:11Z",
              "eventSource": "cloudtrail.amazonaws.com",
              "eventName": "PutEventSelectors",
              "awsRegion": "eu-central-1",
              "sourceIPAddress": "198.51.100.201",
              "userAgent": "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux api/cloudtrail#1.42.3",
              "requestParameters": {
                "trailName": "management-events",
                "eventSelectors": [ { "readWriteType": "ReadOnly", "includeManagementEvents": false, "dataResources": [], "excludeManagementEventSources": [] } ]
              },
              "responseElements": { "trailARN": "arn:aws:cloudtrail:eu-central-1:{{Account}}:trail/management-events" },
              "requestID": "0c5b2f8e-4d1a-4b3c-9e7f-6a8d2c1b0f3e",
              "eventID": "c2d4f6a8-1b3d-4e5f-8a9b-0c1d2e3f4a5b",
              "readOnly": false,
              "eventType": "AwsApiCall",
              "managementEvent": true,
              "recipientAccountId": "{{Account}}",
              "eventCategory": "Management"
            }
            """));

        Assert.Equal(("PutEventSelectors", "management-events"), (e.EventName, e.TrailName));
    }

    [Fact]
    public void PutBucketPolicyNamesTheBucket()
    {
        var e = Accepted(Delivered("aws.s3", $$"""
            {
              "eventVersion": "1.10",
              "userIdentity": { "type": "IAMUser", "arn": "arn:aws:iam::{{Account}}:user/mallory", "accountId": "{{Account}}", "userName": "mallory" },
              "eventTime": "2026-10-05T09:02:40Z",
              "eventSource": "s3.amazonaws.com",
              "eventName": "PutBucketPolicy",
              "awsRegion": "eu-central-1",
              "sourceIPAddress": "203.0.113.90",
              "userAgent": "[aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.0 command/s3api.put-bucket-policy]",
              "requestParameters": {
                "bucketName": "acme-trail-logs",
                "Host": "acme-trail-logs.s3.eu-central-1.amazonaws.com",
                "bucketPolicy": { "Version": "2012-10-17", "Statement": [ { "Effect": "Deny", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-trail-logs/*" } ] },
                "policy": ""
              },
              "responseElements": null,
              "additionalEventData": { "SignatureVersion": "SigV4", "AuthenticationMethod": "AuthHeader", "bytesTransferredIn": 0 },
              "requestID": "R7Q2K9XW3M5B8N1C",
              "eventID": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
              "readOnly": false,
              "resources": [ { "accountId": "{{Account}}", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::acme-trail-logs" } ],
              "eventType": "AwsApiCall",
              "managementEvent": true,
              "recipientAccountId": "{{Account}}",
              "eventCategory": "Management"
            }
            """));

        Assert.Equal(("PutBucketPolicy", "acme-trail-logs"), (e.EventName, e.BucketName));
        Assert.Null(e.KeyId);
        Assert.Null(e.TrailName);
    }

    [Fact]
    public void DeleteBucketNamesTheBucket()
    {
        var e = Accepted(Delivered("aws.s3", $$"""
            {
              "eventVersion": "1.10",
              "userIdentity": { "type": "Root", "arn": "arn:aws:iam::{{Account}}:root", "accountId": "{{Account}}" },
              "eventTime": "2026-10-05T09:10:00Z",
              "eventSource": "s3.amazonaws.com",
              "eventName": "DeleteBucket",
              "awsRegion": "us-east-1",
              "sourceIPAddress": "203.0.113.91",
              "userAgent": "[S3Console/0.4]",
              "requestParameters": { "bucketName": "acme-trail-logs", "Host": "s3.amazonaws.com" },
              "responseElements": null,
              "requestID": "Q1W2E3R4T5Y6U7I8",
              "eventID": "f0e1d2c3-b4a5-4968-8776-655443322110",
              "readOnly": false,
              "resources": [ { "accountId": "{{Account}}", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::acme-trail-logs" } ],
              "eventType": "AwsApiCall",
              "managementEvent": true,
              "recipientAccountId": "{{Account}}"
            }
            """));

        Assert.Equal(("DeleteBucket", "acme-trail-logs", "us-east-1"), (e.EventName, e.BucketName, e.Region));
    }

    [Fact]
    public void DisableKeyNamesTheKeyByTheArnGiven()
    {
        var arn = $"arn:aws:kms:eu-central-1:{Account}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
        var e = Accepted(Delivered("aws.kms", Kms("DisableKey", $$"""{ "keyId": "{{arn}}" }""", arn)));

        Assert.Equal(("DisableKey", arn), (e.EventName, e.KeyId));
    }

    [Fact]
    public void ScheduleKeyDeletionByAliasNamesTheKeyArnCloudTrailResolvedItTo()
    {
        var arn = $"arn:aws:kms:eu-central-1:{Account}:key/mrk-8d7c6b5a49384f2e1d0c9b8a7f6e5d4c";
        var e = Accepted(Delivered("aws.kms", Kms("ScheduleKeyDeletion", """{ "keyId": "alias/trail-logs", "pendingWindowInDays": 7 }""", arn)));

        Assert.Equal(arn, e.KeyId);
    }

    [Fact]
    public void AnAliasWithNoResourceIsKeptAsGiven()
    {
        var e = Accepted(Delivered("aws.kms", Kms("DisableKey", """{ "keyId": "alias/trail-logs" }""", resourceArn: null)));

        Assert.Equal("alias/trail-logs", e.KeyId);
    }

    [Fact]
    public void AKeyCallWithoutAKeyIdTakesTheKeyFromResources()
    {
        var arn = $"arn:aws:kms:eu-central-1:{Account}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
        var e = Accepted(Delivered("aws.kms", Kms("PutKeyPolicy", """{ "policyName": "default", "bypassPolicyLockoutSafetyCheck": false }""", arn)));

        Assert.Equal(arn, e.KeyId);
    }

    [Fact]
    public void RemoveAccountFromOrganizationIsAboutTheRemovedMember()
    {
        var e = Accepted(Delivered("aws.organizations", $$"""
            {
              "eventVersion": "1.09",
              "userIdentity": { "type": "AssumedRole", "arn": "arn:aws:sts::{{Account}}:assumed-role/OrgAdmin/jo", "accountId": "{{Account}}" },
              "eventTime": "2026-10-05T10:00:00Z",
              "eventSource": "organizations.amazonaws.com",
              "eventName": "RemoveAccountFromOrganization",
              "awsRegion": "us-east-1",
              "sourceIPAddress": "198.51.100.5",
              "userAgent": "aws-cli/2.17.20",
              "requestParameters": { "accountId": "{{Member}}" },
              "responseElements": null,
              "requestID": "7e6d5c4b-3a29-4187-9f6e-5d4c3b2a1908",
              "eventID": "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d",
              "readOnly": false,
              "eventType": "AwsApiCall",
              "managementEvent": true,
              "recipientAccountId": "{{Account}}"
            }
            """));

        Assert.Equal(("RemoveAccountFromOrganization", Member), (e.EventName, e.AccountId));
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/OrgAdmin/jo", e.ActorArn);
    }

    [Fact]
    public void LeaveOrganizationIsAboutTheCallersOwnAccount()
    {
        var e = Accepted(Delivered("aws.organizations", $$"""
            {
              "eventVersion": "1.09",
              "userIdentity": { "type": "Root", "arn": "arn:aws:iam::{{Member}}:root", "accountId": "{{Member}}" },
              "eventTime": "2026-10-05T10:05:00Z",
              "eventSource": "organizations.amazonaws.com",
              "eventName": "LeaveOrganization",
              "awsRegion": "us-east-1",
              "sourceIPAddress": "198.51.100.6",
              "userAgent": "console.amazonaws.com",
              "requestParameters": null,
              "responseElements": null,
              "eventID": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
              "readOnly": false,
              "eventType": "AwsApiCall",
              "recipientAccountId": "{{Member}}"
            }
            """));

        Assert.Equal(("LeaveOrganization", Member), (e.EventName, e.AccountId));
    }

    [Theory]
    [InlineData("aws.events", "events.amazonaws.com", "DisableRule")]
    [InlineData("aws.cloudformation", "cloudformation.amazonaws.com", "DeleteStack")]
    public void TheForwardersOwnCallsAreParsedToo(string source, string eventSource, string eventName)
    {
        var e = Accepted(Delivered(source, $$"""
            {
              "eventVersion": "1.09",
              "userIdentity": { "type": "IAMUser", "arn": "arn:aws:iam::{{Account}}:user/mallory", "accountId": "{{Account}}" },
              "eventTime": "2026-10-05T11:00:00Z",
              "eventSource": "{{eventSource}}",
              "eventName": "{{eventName}}",
              "awsRegion": "ap-southeast-2",
              "sourceIPAddress": "203.0.113.7",
              "userAgent": "aws-cli/2.17.20",
              "requestParameters": { "name": "driftwatch-forward" },
              "eventID": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
              "eventType": "AwsApiCall",
              "recipientAccountId": "{{Account}}"
            }
            """));

        Assert.Equal((eventName, "ap-southeast-2"), (e.EventName, e.Region));
    }

    [Theory]
    [InlineData("AWSLogs-Lake:00042:7")]
    [InlineData("1700000000000-abc")]
    [InlineData("")]
    public void AnEventIdThatIsNoUuidIsKeptAsGiven(string eventId)
    {
        var e = Accepted(Delivered("aws.cloudtrail", $$"""
            {
              "eventSource": "cloudtrail.amazonaws.com",
              "eventName": "DeleteTrail",
              "awsRegion": "eu-central-1",
              "eventID": "{{eventId}}",
              "userIdentity": { "type": "IAMUser", "arn": "arn:aws:iam::{{Account}}:user/mallory" },
              "requestParameters": { "name": "management-events" },
              "recipientAccountId": "{{Account}}"
            }
            """));

        Assert.Equal(eventId, e.EventId);
    }

    [Fact]
    public void AnEventWithNoEventIdIsNamedByItsEnvelope()
    {
        var e = Accepted(Delivered("aws.cloudtrail", $$"""
            { "eventName": "DeleteTrail", "awsRegion": "eu-central-1", "requestParameters": { "name": "t" }, "recipientAccountId": "{{Account}}" }
            """));

        Assert.Equal("3d2f3e1c-5a7b-4c9d-8e6f-0a1b2c3d4e5f", e.EventId);
    }

    [Theory]
    [InlineData("aws.ec2")]
    [InlineData("driftwatch.heartbeat")]
    [InlineData("aws.cloudtrailx")]
    public void ASourceDriftWatchDoesNotListenToIsRejected(string source)
    {
        var parsed = CloudTrailEventParser.Parse(Delivered(source, $$"""
            { "eventName": "StopLogging", "awsRegion": "eu-central-1", "recipientAccountId": "{{Account}}" }
            """));

        Assert.Null(parsed.Event);
        Assert.Contains("not a monitored API call event", parsed.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySourceOfMonitoredCallsIsAccepted()
    {
        foreach (var (source, calls) in MonitoredCalls.BySource)
        {
            var e = Accepted(Delivered(source, $$"""
                { "eventName": "{{calls[0]}}", "awsRegion": "eu-central-1", "eventID": "x", "recipientAccountId": "{{Account}}" }
                """));
            Assert.Equal(calls[0], e.EventName);
        }
    }

    [Fact]
    public void ARemovedMemberThatIsNoAccountIdFallsBackToTheRecipient()
    {
        var e = Accepted(Delivered("aws.organizations", $$"""
            { "eventSource": "organizations.amazonaws.com", "eventName": "RemoveAccountFromOrganization", "awsRegion": "us-east-1",
              "requestParameters": { "accountId": "12345" }, "recipientAccountId": "{{Account}}" }
            """));

        Assert.Equal(Account, e.AccountId);
    }

    private static string Kms(string eventName, string parameters, string? resourceArn) => $$"""
        {
          "eventVersion": "1.08",
          "userIdentity": { "type": "IAMUser", "principalId": "AIDAEXAMPLEUSER", "arn": "arn:aws:iam::{{Account}}:user/mallory", "accountId": "{{Account}}", "userName": "mallory" },
          "eventTime": "2026-10-05T09:30:00Z",
          "eventSource": "kms.amazonaws.com",
          "eventName": "{{eventName}}",
          "awsRegion": "eu-central-1",
          "sourceIPAddress": "203.0.113.92",
          "userAgent": "aws-cli/2.17.20",
          "requestParameters": {{parameters}},
          "responseElements": null,
          "requestID": "4d3c2b1a-0f9e-4d8c-b7a6-958473625140",
          "eventID": "5e4d3c2b-1a0f-4e9d-8c7b-a69584736251",
          "readOnly": false,
          "resources": [{{(resourceArn is null ? "" : $$"""{ "accountId": "{{Account}}", "type": "AWS::KMS::Key", "ARN": "{{resourceArn}}" }""")}}],
          "eventType": "AwsApiCall",
          "managementEvent": true,
          "recipientAccountId": "{{Account}}",
          "eventCategory": "Management"
        }
        """;
}
