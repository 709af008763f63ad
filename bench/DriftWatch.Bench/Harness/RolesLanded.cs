using DriftWatch.Worker;

namespace DriftWatch.Bench.Harness;

/// <summary>Whether per-account AssumeRole (DriftWatch:Accounts:RoleName) exists in the product being measured.</summary>
public static class RolesLanded
{
    /// <summary>True when some options type of the product binds the DriftWatch:Accounts section.</summary>
    public static bool InTree() =>
        new[] { typeof(WorkerServiceCollectionExtensions).Assembly, typeof(DriftWatch.Aws.AwsClientOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Any(t => t.GetField("Section")?.GetRawConstantValue() is "DriftWatch:Accounts"
                || t.GetField("SectionName")?.GetRawConstantValue() is "DriftWatch:Accounts");
}
