using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Tests.Builders;

/// <summary>Event selectors as GetEventSelectors returns them, in the words of the spec.</summary>
public static class Selectors
{
    public const string Kms = "kms.amazonaws.com";
    public const string RdsData = "rdsdata.amazonaws.com";

    /// <summary>A basic selector that includes management events.</summary>
    public static BasicEventSelector Basic(ReadWriteType type, params string[] excludedSources) => new(type, true, excludedSources);

    /// <summary>A basic selector for data events only (IncludeManagementEvents false).</summary>
    public static BasicEventSelector BasicDataOnly() => new(ReadWriteType.All, false, []);

    /// <summary>An advanced selector with eventCategory Equals Management, plus any further conditions.</summary>
    public static AdvancedEventSelector Management(params AdvancedFieldSelector[] more) =>
        new("management events", [Is("eventCategory", "Management"), .. more]);

    /// <summary>An advanced selector on S3 data events only.</summary>
    public static AdvancedEventSelector DataEvents() =>
        new("s3 data events", [Is("eventCategory", "Data"), Is("resources.type", "AWS::S3::Object")]);

    public static AdvancedFieldSelector ReadOnly(bool value) => Is("readOnly", value ? "true" : "false");

    public static AdvancedFieldSelector Is(string field, params string[] values) => new(field, EqualsAny: values);

    public static AdvancedFieldSelector IsNot(string field, params string[] values) => new(field, NotEquals: values);
}
