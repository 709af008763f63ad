using BenchmarkDotNet.Attributes;
using DriftWatch.Worker.Events;

namespace DriftWatch.Bench.Micro;

/// <summary>The SQS edge's parser on the envelope the deployed rules deliver for a StopLogging call.</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.FullCompressed]
public class EventParserBenchmarks
{
    private const string Body = """
        {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"AWS API Call via CloudTrail","source":"aws.cloudtrail","account":"123456789012","time":"2025-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"eventVersion":"1.09","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"eu-west-1","eventID":"3f1a2b4c-5d6e-7f80-9a1b-2c3d4e5f6a7b","eventTime":"2025-01-01T00:00:00Z","recipientAccountId":"123456789012","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/mallory","accountId":"123456789012"},"requestParameters":{"name":"org-audit"}}}
        """;

    [Benchmark]
    public EventParseResult Parse() => CloudTrailEventParser.Parse(Body);
}
