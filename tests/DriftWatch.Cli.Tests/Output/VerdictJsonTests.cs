using System.Text.Json;
using DriftWatch.Cli.Output;
using DriftWatch.Cli.Tests.Support;

namespace DriftWatch.Cli.Tests.Output;

/// <summary>The JSON verdict's shape: what consumers of `--output json` rely on.</summary>
public sealed class VerdictJsonTests
{
    private static JsonElement Render(string trailName)
    {
        var output = new StringWriter();
        VerdictJson.Write(Verdicts.FailingWithTrail(trailName), output);
        Assert.DoesNotContain('\u001b', output.ToString());
        using var document = JsonDocument.Parse(output.ToString());
        return document.RootElement.Clone();
    }

    [Fact]
    public void WritesStatusInLowerCaseAndTheEvaluationTimeInUtc()
    {
        var json = Render("audit");

        Assert.Equal("fail", json.GetProperty("status").GetString());
        Assert.Equal("2026-01-02T01:04:05Z", json.GetProperty("evaluatedAt").GetString());
        Assert.Equal(3, json.GetProperty("apiCalls").GetInt32());
    }

    [Fact]
    public void OmitsTheExceptionWhenNoneApplied() =>
        Assert.False(Render("audit").TryGetProperty("exception", out _));

    [Fact]
    public void EscapesControlCharactersInTrailNames() =>
        Assert.Equal("evil\u001b[2J", Render("evil\u001b[2J").GetProperty("trails")[0].GetProperty("name").GetString());

    [Fact]
    public void NamesEveryTrailField()
    {
        var trail = Render("audit").GetProperty("trails")[0];

        var names = trail.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["name", "arn", "homeRegion", "multiRegion", "organization", "logging", "management", "excludedSources", "deliveryProblem", "covers", "reasons"],
            names);
    }
}
