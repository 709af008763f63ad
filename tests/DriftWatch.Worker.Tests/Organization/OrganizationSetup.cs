using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Organization;

/// <summary>
/// An organization of its own for each test, on the deployed moto: a fresh management account (random id, so no
/// test sees another's members), its members, and the worker settings that point DriftWatch at it.
/// </summary>
public sealed class OrganizationSetup : IDisposable
{
    /// <summary>The central bus infra/deploy.sh created in the worker's account.</summary>
    public const string CentralBusArn = $"arn:aws:events:{StackDeployment.CentralRegion}:{MotoAws.AccountId}:event-bus/driftwatch";

    /// <summary>The role member reader roles trust (moto neither checks nor enforces it).</summary>
    public const string WorkerRoleArn = $"arn:aws:iam::{MotoAws.AccountId}:role/driftwatch-worker";

    private readonly Uri _endpoint;
    private readonly List<AssumedAccount> _accounts = [];

    private OrganizationSetup(Uri endpoint, AssumedAccount management)
    {
        _endpoint = endpoint;
        Management = management;
        _accounts.Add(management);
    }

    /// <summary>The organization's management account.</summary>
    public AssumedAccount Management { get; }

    /// <summary>Creates the management account's organization.</summary>
    public static async Task<OrganizationSetup> CreateAsync(Uri endpoint)
    {
        var management = await AssumedAccount.AssumeAsync(endpoint, NewAccountId());
        await management.CreateOrganizationAsync();
        await management.CreateBucketAsync();
        return new OrganizationSetup(endpoint, management);
    }

    /// <summary>A 12-digit id no other test uses (moto creates an account on first use).</summary>
    public static string NewAccountId() => Random.Shared.NextInt64(200_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new member account (Organizations CreateAccount), with its trail bucket.</summary>
    public async Task<AssumedAccount> AddMemberAsync(string name)
    {
        var id = await Management.CreateMemberAccountAsync(name);
        var member = await AssumedAccount.AssumeAsync(_endpoint, id);
        _accounts.Add(member);
        await member.CreateBucketAsync();
        return member;
    }

    /// <summary>The worker settings for this organization, plus any extra.</summary>
    public Dictionary<string, string?> WorkerSettings(WebhookReceiver? webhook = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DriftWatch:Accounts:ManagementAccountId"] = Management.AccountId,
            ["DriftWatch:Accounts:Organization:Enabled"] = "true",
            ["DriftWatch:Accounts:Organization:AccountListMaxAge"] = "00:00:00",
            ["DriftWatch:Accounts:OrganizationTrailMaxAge"] = "00:00:00",
        };
        if (webhook is not null)
        {
            settings["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var account in _accounts)
        {
            account.Dispose();
        }
    }
}
