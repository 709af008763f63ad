using System.Text.Json.Nodes;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.Http;
using DriftWatch.Core;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Organizations;

/// <summary>
/// Organizations over the JSON 1.1 caller (AWSSDK.Organizations is not on our feed), as the management account when
/// one is configured, else with DriftWatch's own keys. The service is global: its one endpoint per partition is signed
/// for us-east-1 (aws), cn-northwest-1 (aws-cn) or us-gov-west-1 (aws-us-gov).
/// </summary>
internal sealed class OrganizationsClient(
    Json11Client json, AccountCaller asAccount, AwsRegionResolver regions, IOptions<AccountsOptions> options) : IOrganizationsClient
{
    private const int MaxPages = 1000;

    public async Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var region = SigningRegion(regions.DefaultRegion);
        var management = options.Value.Management;
        var accounts = new List<OrganizationAccount>();
        string? nextToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new JsonObject();
            if (nextToken is not null)
            {
                request["NextToken"] = nextToken;
            }

            var reply = management is null
                ? await json.SendAsync(AwsService.Organizations, "ListAccounts", region, request, cancellationToken).ConfigureAwait(false)
                : await asAccount.SendAsync(management, AwsService.Organizations, "ListAccounts", region, request, cancellationToken).ConfigureAwait(false);
            if (reply["Accounts"] is JsonArray items)
            {
                accounts.AddRange(items.OfType<JsonObject>().Select(ToAccount));
            }

            nextToken = Text(reply["NextToken"]);
            if (nextToken is null)
            {
                return accounts;
            }
        }

        throw new AwsServiceException("Organizations", "ListAccounts", "TooManyPages", $"more than {MaxPages} pages of accounts", 0);
    }

    // State replaces Status (retired September 2026); Status still names SUSPENDED and PENDING_CLOSURE meanwhile.
    private static OrganizationAccount ToAccount(JsonObject account) => new(
        Text(account["Id"]) ?? "",
        Text(account["Name"]) ?? "",
        Text(account["State"]) ?? Text(account["Status"]) ?? "UNKNOWN");

    private static string SigningRegion(string region) => AwsIds.PartitionOf(region) switch
    {
        "aws-cn" => "cn-northwest-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
