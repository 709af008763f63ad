using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>Base of the tests that run against the shared moto: each test starts from an empty account.</summary>
[Collection(MotoCollection.Name)]
public abstract class MotoTest(MotoFixture moto) : IAsyncLifetime, IDisposable
{
    /// <summary>The account under test.</summary>
    protected MotoAccount Account { get; } = new(moto);

    /// <inheritdoc />
    public Task InitializeAsync() => Account.ResetAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        Account.Dispose();
        GC.SuppressFinalize(this);
    }
}
