namespace DriftWatch.Cli.Report;

/// <summary>The control a report is evidence for, and where it sits in the frameworks auditors check against.</summary>
internal static class ControlDescription
{
    /// <summary>The control in one line.</summary>
    public const string Title = "CloudTrail records management events, read and write, in every AWS region";

    /// <summary>What DriftWatch checks, and why it matters.</summary>
    public static readonly IReadOnlyList<string> Text =
    [
        "An account is covered when at least one single trail is multi-region, is logging, records both read and write "
            + "management events from every event source, and delivers its log files. Reads recorded by one trail and "
            + "writes by another do not count; an organization trail of the management account counts for its members.",
        "Without such a trail, what is done in a region nobody looks at, or while logging is paused, leaves no audit "
            + "record: the evidence an investigation needs does not exist.",
        "DriftWatch re-reads the trails whenever CloudTrail reports a change to them and at every sweep, and records each "
            + "change of verdict with the API call, the caller and the source address behind it. When AWS does not answer, "
            + "the verdict is \"could not evaluate\": that time counts neither as covered nor as a gap.",
        "An account may log in named regions only under a documented exception, which states its rationale, the "
            + "compensating controls, an owner and an expiry date.",
    ];

    /// <summary>Framework, reference, and what that reference asks for, in our words.</summary>
    public static readonly IReadOnlyList<(string Framework, string Reference, string Requirement)> Mapping =
    [
        ("ISO/IEC 27001:2022, Annex A", "A.8.15 Logging", "Logs of activities are produced, kept, protected and reviewed."),
        ("CIS Amazon Web Services Foundations Benchmark", "3.1", "CloudTrail is enabled in all regions, recording read and write management events."),
        ("AWS Security Hub (CSPM)", "CloudTrail.1", "At least one multi-Region trail is enabled and records read and write management events."),
    ];
}
