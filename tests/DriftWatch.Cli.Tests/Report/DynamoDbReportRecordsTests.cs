using Amazon.DynamoDBv2;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Core.Evaluation;
using DriftWatch.Records;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>The report's reads on the deployed tables: window bounds to the tick, oldest first, across many pages.</summary>
public sealed class DynamoDbReportRecordsTests(MotoFixture moto) : MotoTest(moto)
{
    private static readonly DateTimeOffset Since = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task ReadsExactlyTheWindowOldestFirstAcrossPages()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        var drift = new RecordedDrift(stack, MotoAws.AccountId);
        var times = new[] { -2.0, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8 }.Select(h => Since.AddHours(h)).ToList();
        for (var i = 0; i < times.Count; i++)
        {
            await drift.EvaluateAsync(times[i], logging: i % 2 == 0);
        }

        using var dynamo = Dynamo();
        var records = new DynamoDbReportRecords(dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()), pageSize: 2);

        // [0 h, 8 h): the one at 0 h in, the one at 8 h out; 8 transitions over 4 pages and an empty one.
        var read = new List<Core.Monitoring.Transition>();
        await foreach (var t in records.ReadTransitionsAsync(MotoAws.AccountId, Since, Since.AddHours(8), CancellationToken.None))
        {
            read.Add(t);
        }

        var before = await records.LastTransitionBeforeAsync(MotoAws.AccountId, Since, CancellationToken.None);
        var none = await records.LastTransitionBeforeAsync(MotoAws.AccountId, Since.AddHours(-2), CancellationToken.None);

        Assert.Equal(times.Skip(2).Take(8), read.Select(t => t.DetectedAt));
        Assert.Equal(Since.AddHours(-1), before!.DetectedAt);
        Assert.Equal(ComplianceStatus.Fail, before.To);
        Assert.Null(none);
    }

    [Fact]
    public async Task ListsEveryRecordedAccountWithItsStatusNowInOrder()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await new RecordedDrift(stack, SampleRecords.OtherAccount).EvaluateAsync(Since, logging: true);
        await new RecordedDrift(stack, MotoAws.AccountId).EvaluateAsync(Since, logging: false);
        await new RecordedDrift(stack, "111111111111").EvaluateAsync(Since, logging: true, unreadable: true);

        using var dynamo = Dynamo();
        var accounts = await new DynamoDbReportRecords(dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions())).ListAccountsAsync(CancellationToken.None);

        Assert.Equal(
            [new("111111111111", ComplianceStatus.Error), new(MotoAws.AccountId, ComplianceStatus.Fail), new RecordedAccount(SampleRecords.OtherAccount, ComplianceStatus.Pass)],
            accounts);
    }

    private AmazonDynamoDBClient Dynamo() => new(MotoAws.Credentials, new AmazonDynamoDBConfig
    {
        ServiceURL = _moto.Endpoint.ToString(),
        AuthenticationRegion = CentralStack.Region,
    });
}
