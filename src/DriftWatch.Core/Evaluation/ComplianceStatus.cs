namespace DriftWatch.Core.Evaluation;

/// <summary>The verdict on an account. Error means "could not evaluate": never read it as Fail.</summary>
public enum ComplianceStatus
{
    Pass,
    Fail,
    Error,
}
