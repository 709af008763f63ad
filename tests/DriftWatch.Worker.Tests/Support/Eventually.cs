namespace DriftWatch.Worker.Tests.Support;

/// <summary>Polls until a condition holds: the pipeline is asynchronous, its results arrive when they arrive.</summary>
public static class Eventually
{
    /// <summary>Returns the first value that satisfies the condition, or throws with what was last seen.</summary>
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s; last seen: {Describe(last)}");
    }

    // A list says what it holds (a transition list shows its statuses), so a timeout tells what the worker did record.
    private static string Describe<T>(T value) => value is System.Collections.IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString())) + "]"
        : value?.ToString() ?? "null";
}
