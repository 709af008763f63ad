using DriftWatch.Worker.Events;

namespace DriftWatch.Worker.Tests.Events;

public sealed class KeyReferenceTests
{
    private const string Id = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    private const string Arn = "arn:aws:kms:eu-central-1:210987654321:key/" + Id;

    [Theory]
    [InlineData(Id, Arn, true)]
    [InlineData(Arn, Arn, true)]
    [InlineData(Arn, Id, true)]
    [InlineData("0F1E2D3C-4B5A-6978-8A9B-0C1D2E3F4A5B", Arn, true)]
    [InlineData("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", Arn, false)]
    [InlineData("arn:aws:kms:us-east-1:210987654321:key/" + Id, Arn, false)]
    [InlineData("alias/trail-logs", Arn, false)]
    [InlineData("arn:aws:kms:eu-central-1:210987654321:alias/trail-logs", Arn, false)]
    public void MatchesAnIdAgainstAnArnAndAnArnAgainstTheSameArnOnly(string eventKey, string trailKey, bool same) =>
        Assert.Equal(same, KeyReference.SameKey(eventKey, trailKey));

    [Theory]
    [InlineData("alias/trail-logs", true)]
    [InlineData("arn:aws:kms:eu-central-1:210987654321:alias/trail-logs", true)]
    [InlineData(Arn, false)]
    [InlineData(Id, false)]
    public void TellsAnAliasFromAKey(string key, bool alias) => Assert.Equal(alias, KeyReference.IsAlias(key));
}
