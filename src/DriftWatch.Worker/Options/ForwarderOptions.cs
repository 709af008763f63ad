using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Options;

/// <summary>
/// The forwarder rule the sweep verifies in every watched region: its name on the default bus (infra/driftwatch-region.yaml
/// and driftwatch-member.yaml name it), and the central bus it must target. Defaults meet the templates'.
/// </summary>
public sealed class ForwarderOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DriftWatch:Forwarder";

    /// <summary>Reads every region's forwarder in the sweep (and on a change to it); false checks none.</summary>
    public bool Verify { get; set; } = true;

    /// <summary>The rule's name on each region's default bus.</summary>
    [Required]
    [RegularExpression(@"^[\.\-_A-Za-z0-9]{1,64}$", ErrorMessage = "RuleName must be an EventBridge rule name (1-64 of A-Z a-z 0-9 . - _).")]
    public string RuleName { get; set; } = "driftwatch-forwarder";

    /// <summary>The central bus every forwarder must target; empty: the bus named CentralBusName in the worker's account and region.</summary>
    [RegularExpression(@"^arn:[a-z-]+:events:[a-z0-9-]+:[0-9]{12}:event-bus/[A-Za-z0-9._-]+$", ErrorMessage = "CentralBusArn must be an event bus ARN.")]
    public string? CentralBusArn { get; set; }

    /// <summary>The central bus's name when CentralBusArn is empty (driftwatch-central.yaml's EventBusName).</summary>
    [RegularExpression(@"^[A-Za-z0-9._-]{1,256}$", ErrorMessage = "CentralBusName must be an event bus name.")]
    public string CentralBusName { get; set; } = "driftwatch";
}
