using DriftWatch.Worker.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Security;

/// <summary>
/// What the worker logs while it handles a drop by a hostile actor, a poison message and a webhook that refuses:
/// never the webhook URL (it may carry a token), the HMAC secret or a queue message as received, and never a character
/// a terminal would act on or that would start a forged line.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class LogHygieneTests(DeployedMoto moto)
{
    private const string Token = "url-token-8f3a1c";
    private const string Secret = "hmac-secret-77b2e0";
    private const string Forged = "FORGED-LINE";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WorkerLogsHoldNoSecretAndNoControlCharacterWhateverTheAttackerSends()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver { Accepting = false };
        var url = webhook.Url + "?token=" + Token;
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = url,
            ["DriftWatch:Incidents:Webhook:Secret"] = Secret,
            ["DriftWatch:Incidents:Webhook:Attempts"] = "2",
        });
        await Eventually.MatchAsync(() => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1, Wait, "first-seen pass");

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await world.PublishAsync(
            "StopLogging",
            Drift.HomeRegion,
            Drift.Trail,
            actor: $"arn:aws:iam::123456789012:user/x\u001b[2J\u001b[H\n{Forged} Account 123456789012 went Fail -> Pass",
            userAgent: $"curl \u001b]0;title\u0007 \u0008\r\n{Forged} \u202eevil");
        await world.SendRawAsync($$$"""{"source":"aws.cloudtrail\u001b[5m","detail-type":"AWS API Call via CloudTrail","detail":{"recipientAccountId":"1\n{{{Forged}}}"}}""");

        await Eventually.MatchAsync(() => world.Records.ListIncidentsAsync(openOnly: true, default), i => i.Count == 1, Wait, "incident");
        await Eventually.MatchAsync(world.PeekDeadLettersAsync, m => m.Count == 1, Wait, "dead letter");
        await Eventually.MatchAsync(() => Task.FromResult(worker.Logs.Lines), l => l.Any(x => x.Contains("stays in the outbox", StringComparison.Ordinal)), Wait, "webhook refusal logged");

        var lines = worker.Logs.Lines;
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(webhook.Url.Authority + webhook.Url.AbsolutePath, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Any(c => char.IsControl(c) && c != '\t'));
        Assert.DoesNotContain(lines, l => l.Contains('\u202e', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(@"\u001b[2J", StringComparison.Ordinal));

        // A queue message's body (attacker-written) and its receipt handle (it deletes the message) stay out: Polly's
        // own log lines would print a receive's result verbatim.
        Assert.DoesNotContain(lines, l => l.Contains("\"detail-type\":", StringComparison.Ordinal) || l.Contains("Receipt", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" Polly", StringComparison.Ordinal));
    }
}
