namespace DriftWatch.Aws.Accounts;

/// <summary>Per-account clients: the worker reads account X as X, through arn:aws:iam::X:role/RoleName.</summary>
public interface IAccountClients
{
    /// <summary>The clients for the account (built once, cached; no AWS call until one is used).</summary>
    AccountClients For(string accountId);
}
