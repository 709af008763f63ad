using Amazon.Runtime;

namespace DriftWatch.Aws.Accounts;

/// <summary>Temporary keys from AssumeRole and when AWS says they stop working.</summary>
internal sealed record RoleSession(ImmutableCredentials Credentials, DateTimeOffset Expiration);
