using System.Text.Json.Nodes;
using DriftWatch.Worker.Events;

namespace DriftWatch.Worker.Tests.Events;

public sealed class CloudTrailEventParserTests
{
    private static JsonObject Envelope(Action<JsonObject>? change = null)
    {
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = "7bf73129-1428-4cd3-a780-95db273d1602",
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws.cloudtrail",
            ["region"] = "us-east-1",
            ["detail"] = new JsonObject
            {
                ["eventSource"] = "cloudtrail.amazonaws.com",
                ["eventName"] = "StopLogging",
                ["awsRegion"] = "eu-west-1",
                ["eventID"] = "e-1",
                ["eventTime"] = "2026-11-24T10:00:00Z",
                ["recipientAccountId"] = "111122223333",
                ["sourceIPAddress"] = "198.51.100.7",
                ["userAgent"] = "aws-cli/2.15",
                ["userIdentity"] = new JsonObject { ["type"] = "AssumedRole", ["arn"] = "arn:aws:sts::111122223333:assumed-role/Admin/eve" },
                ["requestParameters"] = new JsonObject { ["name"] = "org-audit" },
            },
        };
        change?.Invoke(envelope);
        return envelope;
    }

    private static JsonObject Detail(JsonObject envelope) => envelope["detail"]!.AsObject();

    [Fact]
    public void ReadsWhoDidWhatWhereAndFromWhere()
    {
        var parsed = CloudTrailEventParser.Parse(Envelope().ToJsonString());

        var e = Assert.IsType<Core.Monitoring.TriggerEvent>(parsed.Event);
        Assert.Null(parsed.Rejection);
        Assert.Equal(("StopLogging", "e-1", "eu-west-1", "111122223333"), (e.EventName, e.EventId, e.Region, e.AccountId));
        Assert.Equal(("arn:aws:sts::111122223333:assumed-role/Admin/eve", "AssumedRole"), (e.ActorArn, e.ActorType));
        Assert.Equal(("198.51.100.7", "aws-cli/2.15", "org-audit"), (e.SourceIp, e.UserAgent, e.TrailName));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), e.EventTime);
    }

    [Fact]
    public void TakesTheAccountFromTheEnvelopeWhenTheDetailHasNone()
    {
        var parsed = CloudTrailEventParser.Parse(Envelope(e =>
        {
            Detail(e).Remove("recipientAccountId");
            e["account"] = "444455556666";
        }).ToJsonString());

        Assert.Equal("444455556666", parsed.Event?.AccountId);
    }

    [Fact]
    public void ReadsTheTrailNameOfPutEventSelectorsFromTrailName()
    {
        var parsed = CloudTrailEventParser.Parse(Envelope(e =>
        {
            Detail(e)["eventName"] = "PutEventSelectors";
            Detail(e)["requestParameters"] = new JsonObject { ["trailName"] = "org-audit" };
        }).ToJsonString());

        Assert.Equal("org-audit", parsed.Event?.TrailName);
    }

    public static TheoryData<string, string, string> Rejected => new()
    {
        { "not JSON", "{ nope", "not JSON" },
        { "a JSON array", "[1,2]", "not a JSON object" },
        { "another event type", Envelope(e => e["detail-type"] = "EC2 Instance State-change Notification").ToJsonString(), "not a monitored API call event" },
        { "no detail", Envelope(e => e.Remove("detail")).ToJsonString(), "no detail object" },
        { "no account anywhere", Envelope(e => Detail(e).Remove("recipientAccountId")).ToJsonString(), "no 12-digit account" },
        { "an account that is not 12 digits", Envelope(e => Detail(e)["recipientAccountId"] = "12345").ToJsonString(), "no 12-digit account" },
        { "no region", Envelope(e => Detail(e).Remove("awsRegion")).ToJsonString(), "no valid region" },
        { "a region with escapes", Envelope(e => Detail(e)["awsRegion"] = "eu-west-1\u001b[2J").ToJsonString(), "no valid region" },
        { "no event name", Envelope(e => Detail(e).Remove("eventName")).ToJsonString(), "no detail.eventName" },
        { "an oversized body", Envelope(e => Detail(e)["userAgent"] = new string('x', CloudTrailEventParser.MaxBodyBytes)).ToJsonString(), "larger than" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void RejectsWithAReason(string description, string body, string reason)
    {
        var parsed = CloudTrailEventParser.Parse(body);

        Assert.Null(parsed.Event);
        Assert.True(parsed.Rejection?.Contains(reason, StringComparison.Ordinal), $"{description}: '{parsed.Rejection}' lacks '{reason}'");
    }

    [Fact]
    public void BoundsAttackerControlledFieldsAndKeepsThemAsGiven()
    {
        var agent = "\u001b[31m" + new string('a', 5000);
        var parsed = CloudTrailEventParser.Parse(Envelope(e => Detail(e)["userAgent"] = agent).ToJsonString());

        Assert.Equal(1024, parsed.Event!.UserAgent!.Length);
        Assert.StartsWith("\u001b[31m", parsed.Event.UserAgent, StringComparison.Ordinal);
    }
}
