using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Trails;
using static DriftWatch.Core.Tests.Builders.Selectors;

namespace DriftWatch.Core.Tests.Evaluation;

public sealed class SelectorCoverageTests
{
    private static ManagementCoverage OfBasic(params BasicEventSelector[] selectors) => SelectorCoverage.Of(new EventSelectors(selectors, []));

    private static ManagementCoverage OfAdvanced(params AdvancedEventSelector[] selectors) => SelectorCoverage.Of(new EventSelectors([], selectors));

    [Fact]
    public void EmptySelectorsAreReadAsTheAwsDefaultOfAllManagementEvents()
    {
        var coverage = SelectorCoverage.Of(new EventSelectors([], []));

        Assert.True(coverage.IsComplete);
        Assert.Empty(coverage.ExcludedSources);
    }

    [Fact]
    public void ABasicAllSelectorRecordsReadsAndWrites()
    {
        var coverage = OfBasic(Basic(ReadWriteType.All));

        Assert.True(coverage.Reads);
        Assert.True(coverage.Writes);
        Assert.True(coverage.IsComplete);
    }

    [Fact]
    public void ABasicReadOnlySelectorRecordsOnlyReads()
    {
        var coverage = OfBasic(Basic(ReadWriteType.ReadOnly));

        Assert.True(coverage.Reads);
        Assert.False(coverage.Writes);
        Assert.False(coverage.IsComplete);
    }

    [Fact]
    public void ABasicWriteOnlySelectorRecordsOnlyWrites()
    {
        var coverage = OfBasic(Basic(ReadWriteType.WriteOnly));

        Assert.False(coverage.Reads);
        Assert.True(coverage.Writes);
    }

    [Fact]
    public void BasicReadOnlyAndWriteOnlySelectorsUnionToReadsAndWrites()
    {
        Assert.True(OfBasic(Basic(ReadWriteType.ReadOnly), Basic(ReadWriteType.WriteOnly)).IsComplete);
    }

    [Fact]
    public void ABasicSelectorWithoutManagementEventsRecordsNone()
    {
        var coverage = OfBasic(BasicDataOnly());

        Assert.False(coverage.Reads);
        Assert.False(coverage.Writes);
    }

    [Fact]
    public void ABasicDataOnlySelectorBesideAReadOnlySelectorAddsNoWrites()
    {
        var coverage = OfBasic(Basic(ReadWriteType.ReadOnly), BasicDataOnly());

        Assert.True(coverage.Reads);
        Assert.False(coverage.Writes);
    }

    [Theory]
    [InlineData(Kms)]
    [InlineData(RdsData)]
    public void AnExcludedManagementEventSourceMakesCoverageIncompleteAndIsNamed(string source)
    {
        var coverage = OfBasic(Basic(ReadWriteType.All, source));

        Assert.False(coverage.IsComplete);
        Assert.Equal([source], coverage.ExcludedSources);
        Assert.Contains($"management events from {source} are excluded", coverage.Narrowing);
    }

    [Fact]
    public void EveryExcludedSourceIsNamed()
    {
        var coverage = OfBasic(Basic(ReadWriteType.All, Kms, RdsData));

        Assert.False(coverage.IsComplete);
        Assert.Equal([Kms, RdsData], coverage.ExcludedSources);
    }

    [Fact]
    public void AnExclusionOnTheWritesSelectorLeavesWritesIncompleteButKeepsReads()
    {
        var coverage = OfBasic(Basic(ReadWriteType.ReadOnly), Basic(ReadWriteType.WriteOnly, Kms));

        Assert.True(coverage.Reads);
        Assert.False(coverage.Writes);
        Assert.Equal([Kms], coverage.ExcludedSources);
    }

    [Fact]
    public void AnExcludingSelectorBesideACompleteSelectorDoesNotReduceTheUnion()
    {
        var coverage = OfBasic(Basic(ReadWriteType.All), Basic(ReadWriteType.All, Kms));

        Assert.True(coverage.IsComplete);
        Assert.Empty(coverage.ExcludedSources);
    }

    [Fact]
    public void AnAdvancedManagementSelectorWithoutReadOnlyRecordsReadsAndWrites()
    {
        Assert.True(OfAdvanced(Management()).IsComplete);
    }

    [Fact]
    public void AnAdvancedReadOnlyTrueSelectorRecordsOnlyReads()
    {
        var coverage = OfAdvanced(Management(ReadOnly(true)));

        Assert.True(coverage.Reads);
        Assert.False(coverage.Writes);
    }

    [Fact]
    public void AnAdvancedReadOnlyFalseSelectorRecordsOnlyWrites()
    {
        var coverage = OfAdvanced(Management(ReadOnly(false)));

        Assert.False(coverage.Reads);
        Assert.True(coverage.Writes);
    }

    [Fact]
    public void AdvancedReadOnlyTrueAndFalseSelectorsUnionToReadsAndWrites()
    {
        Assert.True(OfAdvanced(Management(ReadOnly(true)), Management(ReadOnly(false))).IsComplete);
    }

    [Fact]
    public void AnAdvancedDataSelectorRecordsNoManagementEvents()
    {
        var coverage = OfAdvanced(DataEvents());

        Assert.False(coverage.Reads);
        Assert.False(coverage.Writes);
    }

    [Fact]
    public void AnAdvancedDataSelectorBesideAManagementSelectorDoesNotReduceIt()
    {
        Assert.True(OfAdvanced(DataEvents(), Management()).IsComplete);
    }

    [Fact]
    public void AnAdvancedEventSourceNotEqualsIsAnExclusionAndIsNamed()
    {
        var coverage = OfAdvanced(Management(IsNot("eventSource", Kms, RdsData)));

        Assert.False(coverage.IsComplete);
        Assert.Equal([Kms, RdsData], coverage.ExcludedSources);
        Assert.Contains($"management events from {Kms} are excluded", coverage.Narrowing);
    }

    [Fact]
    public void AnyOtherAdvancedFilterOnManagementEventsNarrowsCoverage()
    {
        var coverage = OfAdvanced(Management(new AdvancedFieldSelector("eventName", StartsWith: ["Get"])));

        Assert.False(coverage.IsComplete);
        Assert.Contains("StartsWith filter on eventName: Get", coverage.Narrowing);
    }
}
