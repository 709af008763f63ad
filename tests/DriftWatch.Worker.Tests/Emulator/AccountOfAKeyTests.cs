using Amazon.Runtime;
using Amazon.SQS;
using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Emulator;

/// <summary>
/// The account a request acts in, on the moto the tests run (emulator/moto_server.py): moto scans every account's IAM
/// backend for the request's access key, and the emulator answers from an index of the keys moto issued instead (an
/// organization sweep otherwise pays 5-9 ms a request at 1,000 accounts). The answer must stay moto's: a role session
/// acts in the role's account, and a key moto never issued in moto's default account.
/// </summary>
public sealed class AccountOfAKeyTests
{
    [Fact]
    public async Task EachRoleSessionActsInItsOwnAccountAndAKeyMotoNeverIssuedInItsDefaultAccount()
    {
        await using var moto = await MotoServer.LaunchAsync();
        using var first = await AssumedAccount.AssumeAsync(moto.Endpoint, "111111111111");
        using var second = await AssumedAccount.AssumeAsync(moto.Endpoint, "222222222222");
        using var asFirst = Sqs(moto, first.Credentials);
        using var asSecond = Sqs(moto, second.Credentials);
        using var asDefault = Sqs(moto, MotoAws.Credentials);
        using var asStranger = Sqs(moto, new BasicAWSCredentials("AKIANEVERISSUEDBYMOTO", "secret"));

        await asFirst.CreateQueueAsync("queue-of-the-first");
        await asSecond.CreateQueueAsync("queue-of-the-second");
        await asDefault.CreateQueueAsync("queue-of-the-default");

        Assert.Equal(["111111111111/queue-of-the-first"], await QueuesAsync(asFirst));
        Assert.Equal(["222222222222/queue-of-the-second"], await QueuesAsync(asSecond));
        Assert.Equal(["123456789012/queue-of-the-default"], await QueuesAsync(asDefault));
        Assert.Equal(["123456789012/queue-of-the-default"], await QueuesAsync(asStranger));
    }

    private static AmazonSQSClient Sqs(MotoServer moto, AWSCredentials credentials) =>
        new(credentials, new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion });

    private static async Task<IReadOnlyList<string>> QueuesAsync(IAmazonSQS sqs) =>
        ((await sqs.ListQueuesAsync(string.Empty)).QueueUrls ?? []).Select(u => new Uri(u).AbsolutePath.TrimStart('/')).ToList();
}
