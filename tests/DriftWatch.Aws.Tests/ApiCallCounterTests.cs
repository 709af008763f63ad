namespace DriftWatch.Aws.Tests;

public sealed class ApiCallCounterTests
{
    private readonly ApiCallCounter _counter = new();

    [Fact]
    public async Task ConcurrentScopesCountOnlyTheirOwnCalls()
    {
        var counts = await Task.WhenAll(MakeCallsAsync(2), MakeCallsAsync(5));

        Assert.Equal([2, 5], counts);
        Assert.Equal(7, _counter.Total);
    }

    [Fact]
    public void ANestedScopeAlsoCountsTowardsItsParent()
    {
        using var outer = _counter.BeginScope();
        _counter.Record();
        using (var inner = _counter.BeginScope())
        {
            _counter.Record();
            Assert.Equal(1, inner.Count);
        }

        _counter.Record();
        Assert.Equal(3, outer.Count);
    }

    [Fact]
    public void CallsOutsideAnyScopeCountOnlyInTheTotal()
    {
        _counter.Record();
        using var scope = _counter.BeginScope();

        Assert.Equal(0, scope.Count);
        Assert.Equal(1, _counter.Total);
    }

    private async Task<int> MakeCallsAsync(int calls)
    {
        using var scope = _counter.BeginScope();
        for (var i = 0; i < calls; i++)
        {
            await Task.Yield();
            _counter.Record();
        }

        return scope.Count;
    }
}
