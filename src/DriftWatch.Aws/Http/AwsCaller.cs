using Amazon.Runtime;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Who a call is made as: the keys that sign each attempt (asked again per attempt, so a renewed session signs the
/// retry) and, optionally, the gate every attempt passes before it starts.
/// </summary>
internal sealed record AwsCaller(Func<CancellationToken, Task<ImmutableCredentials>> Keys, RequestGate? Gate = null);
