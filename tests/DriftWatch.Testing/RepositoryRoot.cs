namespace DriftWatch.Testing;

/// <summary>Finds the checkout the tests run from, so they can use the real infra/ templates and scripts.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding DriftWatch.sln.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DriftWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no DriftWatch.sln above {AppContext.BaseDirectory}");
    }
}
