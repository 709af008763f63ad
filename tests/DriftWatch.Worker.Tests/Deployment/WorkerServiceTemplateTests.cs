using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Deployment;

/// <summary>
/// infra/driftwatch-worker.yaml deployed into moto the way README says (infra/deploy.sh worker, after the central
/// stack), into subnets of a VPC made in moto: the ECS service and its task definition exist as the template means
/// them, and the tasks run as a role holding the worker's permissions. moto's DescribeTaskDefinition leaves out the
/// task role of a stack-made definition, so the role is read from the stack's resources and outputs.
/// </summary>
public sealed class WorkerServiceTemplateTests(CentralStackInMoto central) : IClassFixture<CentralStackInMoto>
{
    private const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/driftwatch:1.0";

    private readonly AwsCli _aws = central.Aws;

    [Fact]
    public async Task DeploysAServiceOfTwoTasksRunningAsATaskRoleWithTheWorkersPolicy()
    {
        var subnets = await SubnetsAsync("10.10");

        await _aws.DeployAsync(["worker", "--image", Image, "--subnets", string.Join(',', subnets)], Stack("driftwatch-worker"));

        var outputs = await OutputsAsync("driftwatch-worker");
        var service = (await _aws.JsonAsync("ecs", "describe-services", "--cluster", outputs["ClusterName"], "--services", outputs["ServiceName"]))["services"]![0]!;
        Assert.Equal("ACTIVE", (string?)service["status"]);
        Assert.Equal(2, (int?)service["desiredCount"]);
        Assert.Equal(outputs["TaskDefinitionArn"], (string?)service["taskDefinition"]);

        var container = (await _aws.JsonAsync("ecs", "describe-task-definition", "--task-definition", outputs["TaskDefinitionArn"]))["taskDefinition"]!["containerDefinitions"]![0]!;
        Assert.Equal(Image, (string?)container["image"]);
        Assert.Equal(["CMD", "/app/driftwatch", "health"], container["healthCheck"]!["command"]!.AsArray().Select(c => (string?)c));
        Assert.InRange((int)container["stopTimeout"]!, 26, 120); // above the worker's 25 s drain, within Fargate's limit
        Assert.True((bool?)container["readonlyRootFilesystem"]);
        Assert.Equal("awslogs", (string?)container["logConfiguration"]!["logDriver"]);
        Assert.Equal(outputs["LogGroupName"], (string?)container["logConfiguration"]!["options"]!["awslogs-group"]);
        Assert.Contains(container["environment"]!.AsArray(), e => (string?)e?["name"] == "DriftWatch__Shutdown__Timeout" && (string?)e?["value"] == "00:00:25");

        var taskRole = await PhysicalIdAsync("driftwatch-worker", "TaskRole");
        Assert.EndsWith($":role/{taskRole}", outputs["TaskRoleArn"], StringComparison.Ordinal);
        var workerRole = await PhysicalIdAsync("driftwatch-central", "WorkerRole");
        Assert.Equal(await StatementsAsync(workerRole), await StatementsAsync(taskRole));

        // moto keeps a stack-made group's default egress (it skips SecurityGroupEgress); LeastPrivilegeTests reads the
        // template's HTTPS-only rule instead. No ingress is what moto can show.
        var group = (await _aws.JsonAsync("ec2", "describe-security-groups", "--group-ids", outputs["SecurityGroupId"]))["SecurityGroups"]![0]!;
        Assert.Empty(group["IpPermissions"]!.AsArray());
    }

    [Fact]
    public async Task RunsAsTheCentralWorkerRoleWhenAskedSoThatMemberAccountsTrustIt()
    {
        var subnets = await SubnetsAsync("10.20");

        await _aws.DeployAsync(["worker", "--image", Image, "--subnets", string.Join(',', subnets), "--use-central-role", "--desired-count", "3"], Stack("driftwatch-worker-org"));

        var outputs = await OutputsAsync("driftwatch-worker-org");
        var central = await OutputsAsync("driftwatch-central");
        Assert.Equal(central["WorkerRoleArn"], outputs["TaskRoleArn"]);
        var resources = await _aws.JsonAsync("cloudformation", "describe-stack-resources", "--stack-name", "driftwatch-worker-org");
        Assert.DoesNotContain(resources["StackResources"]!.AsArray(), r => (string?)r!["LogicalResourceId"] == "TaskRole");
        var service = (await _aws.JsonAsync("ecs", "describe-services", "--cluster", outputs["ClusterName"], "--services", outputs["ServiceName"]))["services"]![0]!;
        Assert.Equal(3, (int?)service["desiredCount"]);
    }

    private static Dictionary<string, string> Stack(string name) => new() { ["WORKER_STACK_NAME"] = name };

    private async Task<IReadOnlyList<string>> SubnetsAsync(string prefix)
    {
        var vpc = (string)(await _aws.JsonAsync("ec2", "create-vpc", "--cidr-block", $"{prefix}.0.0/16"))["Vpc"]!["VpcId"]!;
        var subnets = new List<string>();
        foreach (var (zone, index) in new[] { ("us-east-1a", 1), ("us-east-1b", 2) })
        {
            var subnet = await _aws.JsonAsync("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", $"{prefix}.{index}.0/24", "--availability-zone", zone);
            subnets.Add((string)subnet["Subnet"]!["SubnetId"]!);
        }

        return subnets;
    }

    private async Task<Dictionary<string, string>> OutputsAsync(string stack)
    {
        var described = (await _aws.JsonAsync("cloudformation", "describe-stacks", "--stack-name", stack))["Stacks"]![0]!;
        Assert.EndsWith("_COMPLETE", (string?)described["StackStatus"], StringComparison.Ordinal);
        return described["Outputs"]!.AsArray().ToDictionary(o => (string)o!["OutputKey"]!, o => (string)o!["OutputValue"]!, StringComparer.Ordinal);
    }

    private async Task<string> PhysicalIdAsync(string stack, string logicalId)
    {
        // Every resource, filtered here: moto answers a filtered call (or the singular one) with HTTP 500 for a stack
        // holding a resource type it skips, as the central stack's QueuePolicy.
        var resources = await _aws.JsonAsync("cloudformation", "describe-stack-resources", "--stack-name", stack);
        return (string)resources["StackResources"]!.AsArray().Single(r => (string?)r!["LogicalResourceId"] == logicalId)!["PhysicalResourceId"]!;
    }

    /// <summary>The role's inline worker policy as "Sid: actions" lines, resources left out (each stack names its own).</summary>
    private async Task<IReadOnlyList<string>> StatementsAsync(string role)
    {
        var policy = await _aws.JsonAsync("iam", "get-role-policy", "--role-name", role, "--policy-name", "driftwatch-worker");
        // moto returns a stack-made inline policy as a Python literal ({'Version': ...}); no string in it holds a quote.
        // A statement left out with AWS::NoValue (the SOC sinks' when not asked for) stays in it as None: AWS drops it.
        var document = policy["PolicyDocument"] is JsonValue text
            ? JsonNode.Parse(System.Text.RegularExpressions.Regex.Replace(((string)text!).Replace('\'', '"'), @"\bNone\b", "null"))!
            : policy["PolicyDocument"]!;
        return document["Statement"]!.AsArray()
            .OfType<JsonObject>()
            .Select(s => $"{(string?)s!["Sid"]}: {string.Join(' ', (s["Action"] is JsonArray actions ? actions.Select(a => (string)a!) : [(string)s["Action"]!]).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
