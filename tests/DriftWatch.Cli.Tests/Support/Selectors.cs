namespace DriftWatch.Cli.Tests.Support;

/// <summary>Event selector JSON as PutEventSelectors takes it.</summary>
public static class Selectors
{
    /// <summary>Every management event, read and write. Set explicitly: moto returns [] for a new trail.</summary>
    public const string AllManagement = """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""";

    /// <summary>Write management events only.</summary>
    public const string WriteOnly = """[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true}]""";

    /// <summary>Read management events only.</summary>
    public const string ReadOnly = """[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}]""";

    /// <summary>Every management event except KMS's (a common cost cut that blinds key-usage auditing).</summary>
    public const string AllButKms =
        """[{"ReadWriteType":"All","IncludeManagementEvents":true,"ExcludeManagementEventSources":["kms.amazonaws.com"]}]""";

    /// <summary>An advanced selector recording every management event.</summary>
    public const string AdvancedManagement =
        """[{"Name":"management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]""";
}
