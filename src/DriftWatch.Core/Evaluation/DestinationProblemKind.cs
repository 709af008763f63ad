namespace DriftWatch.Core.Evaluation;

/// <summary>What is wrong with a trail's destination; each kind has its own fix.</summary>
public enum DestinationProblemKind
{
    /// <summary>The bucket does not exist.</summary>
    BucketMissing,

    /// <summary>The bucket has no policy, so CloudTrail may not write to it.</summary>
    NoPolicy,

    /// <summary>No statement allows cloudtrail.amazonaws.com s3:PutObject on the trail's log prefix.</summary>
    PolicyDoesNotAllow,

    /// <summary>The only Allow for CloudTrail is conditioned on another trail (aws:SourceArn) or account (aws:SourceAccount).</summary>
    PolicyNamesAnother,

    /// <summary>A statement explicitly denies CloudTrail s3:PutObject on the log prefix.</summary>
    PolicyDenies,

    /// <summary>KMS does not know the trail's key.</summary>
    KeyMissing,

    /// <summary>The key is disabled.</summary>
    KeyDisabled,

    /// <summary>The key is scheduled for deletion.</summary>
    KeyPendingDeletion,

    /// <summary>The key is in another state in which it cannot encrypt (PendingImport, Unavailable...).</summary>
    KeyUnusable,
}
