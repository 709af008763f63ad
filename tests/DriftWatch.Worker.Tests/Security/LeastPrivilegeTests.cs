using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Security;

/// <summary>
/// Reads the deployed templates (infra/*.yaml) and holds every IAM statement to least privilege: the worker reads
/// CloudTrail, uses its own queues and tables; the forwarders only put events on the central bus; nothing may change
/// a trail; "*" appears only where an action has no resource type. moto stores IAM without enforcing it, so these
/// assertions are the check.
/// </summary>
public sealed class LeastPrivilegeTests
{
    // The only actions whose Resource may be "*": the Service Authorization Reference lists no resource type for them.
    private static readonly HashSet<string> ActionsWithoutResourceType = new(StringComparer.Ordinal)
    {
        "cloudtrail:DescribeTrails", "cloudtrail:ListTrails", "sts:GetCallerIdentity",
        "organizations:ListAccounts", "organizations:DescribeOrganization", "ecr:GetAuthorizationToken",
    };

    private static readonly HashSet<string> WorkerActions = new(StringComparer.Ordinal)
    {
        "cloudtrail:DescribeTrails", "cloudtrail:ListTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors",
        "sts:GetCallerIdentity", "sts:AssumeRole",
        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem", "dynamodb:Query", "dynamodb:Scan",
        "organizations:ListAccounts", "organizations:DescribeOrganization",
        "securityhub:BatchImportFindings", "securityhub:GetFindings", "events:PutEvents",
        "s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:GetLifecycleConfiguration", "kms:DescribeKey",
        "events:DescribeRule", "events:ListTargetsByRule",
    };

    public static TheoryData<string> TemplateNames => new(Templates.Names);

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void NoStatementAllowsEveryActionOrAWholeServiceOrUsesANegation(string template)
    {
        foreach (var (owner, statement) in Templates.Statements(Templates.Load(template)))
        {
            Assert.Null(statement["NotAction"]);
            Assert.Null(statement["NotResource"]);
            Assert.Null(statement["NotPrincipal"]);
            foreach (var action in Templates.Actions(statement))
            {
                Assert.False(action == "*" || action.EndsWith(":*", StringComparison.Ordinal) || action.Contains('*', StringComparison.Ordinal),
                    $"{template} {owner}: wildcard action '{action}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void AStarResourceAppearsOnlyForActionsThatHaveNoResourceType(string template)
    {
        foreach (var (owner, statement) in Templates.Statements(Templates.Load(template)))
        {
            if (Templates.ResourceTexts(statement).Contains("*"))
            {
                var broad = Templates.Actions(statement).Where(a => !ActionsWithoutResourceType.Contains(a)).ToList();
                Assert.True(broad.Count == 0, $"{template} {owner}: Resource \"*\" for {string.Join(", ", broad)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void NoRoleCanChangeATrail(string template)
    {
        foreach (var (owner, statement) in Templates.Statements(Templates.Load(template)))
        {
            foreach (var action in Templates.Actions(statement).Where(a => a.StartsWith("cloudtrail:", StringComparison.Ordinal)))
            {
                var verb = action["cloudtrail:".Length..];
                Assert.True(verb.StartsWith("Describe", StringComparison.Ordinal) || verb.StartsWith("List", StringComparison.Ordinal) || verb.StartsWith("Get", StringComparison.Ordinal),
                    $"{template} {owner}: {action} can change CloudTrail");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void NoPolicyAdmitsEveryoneWithoutACondition(string template)
    {
        foreach (var (owner, statement) in Templates.Statements(Templates.Load(template)))
        {
            var principal = statement["Principal"];
            var everyone = principal is JsonValue v && v.GetValue<string>() == "*"
                || principal is JsonObject o && Templates.Branches(o["AWS"]).Any(p => p is JsonValue a && a.GetValue<string>() == "*");
            Assert.False(everyone && statement["Condition"] is null, $"{template} {owner}: Principal \"*\" without a condition");
        }
    }

    [Fact]
    public void TheWorkerRoleReadsCloudTrailAndUsesOnlyItsOwnQueuesAndTables()
    {
        var central = Templates.Load("driftwatch-central.yaml");
        var statements = Templates.Statements(central).Where(s => s.Owner == "WorkerRole" && s.Statement["Principal"] is null).Select(s => s.Statement).ToList();
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            Assert.Equal("Allow", statement["Effect"]?.GetValue<string>());
            var actions = Templates.Actions(statement);
            Assert.All(actions, a => Assert.Contains(a, WorkerActions));
            var resources = Templates.ResourceTexts(statement);
            if (actions.Any(a => a.StartsWith("sqs:", StringComparison.Ordinal)))
            {
                Assert.All(resources, r => Assert.Matches("""^\{"Fn::GetAtt":\["(Queue|DeadLetterQueue)","Arn"\]\}$""", r));
            }

            if (actions.Contains("sqs:ReceiveMessage") || actions.Contains("sqs:DeleteMessage"))
            {
                // It consumes its own queue only; the DLQ is for parking, never for reading or deleting.
                Assert.All(resources, r => Assert.Contains("\"Queue\"", r, StringComparison.Ordinal));
            }

            if (actions.Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
            {
                Assert.All(resources, r => Assert.Matches("(StateTable|TransitionsTable|IncidentsTable)", r));
            }

            if (actions.Contains("sts:AssumeRole"))
            {
                Assert.Equal(["sts:AssumeRole"], actions);
                Assert.All(resources, r => Assert.Matches(@":role/\$\{MemberReaderRoleName\}""", r));
            }

            if (actions.Any(a => a is "cloudtrail:GetTrailStatus" or "cloudtrail:GetEventSelectors"))
            {
                Assert.All(resources, r => Assert.Contains(":trail/*", r, StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("driftwatch-central.yaml", "WorkerRole")]
    [InlineData("driftwatch-worker.yaml", "TaskRole")]
    [InlineData("driftwatch-member.yaml", "ReaderRole")]
    public void TheReadersSeeATrailsBucketPolicyLifecycleAndKeyStateButNoObjectAndChangeNothing(string template, string role)
    {
        var statements = Templates.Statements(Templates.Load(template))
            .Where(s => s.Owner == role && s.Statement["Principal"] is null)
            .Select(s => s.Statement)
            .ToList();

        var buckets = Assert.Single(statements, s => Templates.Actions(s).Any(a => a.StartsWith("s3:", StringComparison.Ordinal)));
        Assert.Equal(["s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:GetLifecycleConfiguration"], Templates.Actions(buckets).Order(StringComparer.Ordinal));
        // Bucket ARNs only: arn:...:s3:::* names buckets, an object ARN would carry a '/'.
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:s3:::*"}"""], Templates.ResourceTexts(buckets));

        var keys = Assert.Single(statements, s => Templates.Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        Assert.Equal(["kms:DescribeKey"], Templates.Actions(keys));
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:kms:*:*:key/*"}"""], Templates.ResourceTexts(keys));
    }

    [Fact]
    public void TheWorkerImportsFindingsOnlyIntoItsOwnDefaultProductAndPutsNoticesOnlyOnTheIncidentsBus()
    {
        var central = Templates.Load("driftwatch-central.yaml");
        var statements = Templates.Statements(central).Where(s => s.Owner == "WorkerRole" && s.Statement["Principal"] is null).Select(s => s.Statement).ToList();

        var import = Assert.Single(statements, s => Templates.Actions(s).Contains("securityhub:BatchImportFindings"));
        Assert.Equal(["securityhub:BatchImportFindings"], Templates.Actions(import));
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:product/${AWS::AccountId}/default"}"""], Templates.ResourceTexts(import));

        var read = Assert.Single(statements, s => Templates.Actions(s).Contains("securityhub:GetFindings"));
        Assert.Equal(["securityhub:GetFindings"], Templates.Actions(read));
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:hub/default"}"""], Templates.ResourceTexts(read));

        var put = Assert.Single(statements, s => Templates.Actions(s).Contains("events:PutEvents") && Templates.ResourceTexts(s).Any(r => r.Contains("IncidentsEventBusName", StringComparison.Ordinal)));
        Assert.Equal(["events:PutEvents"], Templates.Actions(put));
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:events:*:${AWS::AccountId}:event-bus/${IncidentsEventBusName}"}"""], Templates.ResourceTexts(put));
    }

    [Theory]
    [InlineData("driftwatch-central.yaml", "WorkerRole")]
    [InlineData("driftwatch-worker.yaml", "TaskRole")]
    [InlineData("driftwatch-member.yaml", "ReaderRole")]
    public void HeartbeatsGoOnlyOnTheAccountsDefaultBusesAndOnlyTheForwarderRuleIsRead(string template, string role)
    {
        var statements = Templates.Statements(Templates.Load(template)).Where(s => s.Owner == role && s.Statement["Principal"] is null).Select(s => s.Statement).ToList();

        var heartbeats = Assert.Single(statements, s => Templates.Actions(s).Contains("events:PutEvents") && !Templates.ResourceTexts(s).Any(r => r.Contains("IncidentsEventBusName", StringComparison.Ordinal)));
        Assert.Equal(["events:PutEvents"], Templates.Actions(heartbeats));
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:events:*:${AWS::AccountId}:event-bus/default"}"""], Templates.ResourceTexts(heartbeats));

        var read = Assert.Single(statements, s => Templates.Actions(s).Contains("events:DescribeRule"));
        Assert.Equal(["events:DescribeRule", "events:ListTargetsByRule"], Templates.Actions(read).Order(StringComparer.Ordinal));
        Assert.Equal(["""{"Fn::Sub":"arn:${AWS::Partition}:events:*:${AWS::AccountId}:rule/${ForwarderRuleName}"}"""], Templates.ResourceTexts(read));
        Assert.DoesNotContain(statements, s => Templates.Actions(s).Any(a => a.StartsWith("events:", StringComparison.Ordinal) && a is not ("events:PutEvents" or "events:DescribeRule" or "events:ListTargetsByRule")));
    }

    [Fact]
    public void TheSocSinkPermissionsExistOnlyWhenTheStackIsToldToGrantThem()
    {
        var policy = Templates.Load("driftwatch-central.yaml")["Resources"]!["WorkerRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

        var guarded = policy.OfType<JsonObject>()
            .Where(s => s["Fn::If"] is JsonArray)
            .ToDictionary(s => (string)s["Fn::If"]![1]!["Sid"]!, s => (string)s["Fn::If"]![0]!);

        Assert.Equal("ImportsFindings", guarded["ImportOwnSecurityHubFindings"]);
        Assert.Equal("ImportsFindings", guarded["ReadOwnSecurityHubFindings"]);
        Assert.Equal("HasIncidentsBus", guarded["PutNoticesOnIncidentsBus"]);
        Assert.All(policy.OfType<JsonObject>().Where(s => s["Fn::If"] is JsonArray), s => Assert.Equal("""{"Ref":"AWS::NoValue"}""", s["Fn::If"]![2]!.ToJsonString()));
    }

    [Fact]
    public void TheWorkerTaskRoleCarriesTheCentralWorkerRolesPolicyStatementForStatement()
    {
        var central = WorkerPolicy(Templates.Load("driftwatch-central.yaml"), "WorkerRole");
        var task = WorkerPolicy(Templates.Load("driftwatch-worker.yaml"), "TaskRole");

        Assert.Equal(central.Keys.Order(StringComparer.Ordinal), task.Keys.Order(StringComparer.Ordinal));
        foreach (var (sid, statement) in central)
        {
            Assert.Equal(Templates.Actions(statement).Order(StringComparer.Ordinal), Templates.Actions(task[sid]).Order(StringComparer.Ordinal));
            Assert.Equal(statement["Effect"]?.GetValue<string>(), task[sid]["Effect"]?.GetValue<string>());
        }

        // The same resources, named through the parameters that carry the central stack's names.
        var resources = task.ToDictionary(s => s.Key, s => string.Join(' ', Templates.ResourceTexts(s.Value)), StringComparer.Ordinal);
        Assert.Equal("*", resources["ListTrails"]);
        Assert.Equal("*", resources["WhoAmI"]);
        Assert.Equal(string.Join(' ', Templates.ResourceTexts(central["ReadTrailConfiguration"])), resources["ReadTrailConfiguration"]);
        Assert.Equal(string.Join(' ', Templates.ResourceTexts(central["AssumeMemberReaderRoles"])), resources["AssumeMemberReaderRoles"]);
        Assert.Equal(string.Join(' ', Templates.ResourceTexts(central["ReadTrailBuckets"])), resources["ReadTrailBuckets"]);
        Assert.Equal(string.Join(' ', Templates.ResourceTexts(central["ReadTrailKeys"])), resources["ReadTrailKeys"]);
        Assert.EndsWith(":${QueueName}\"}", resources["ConsumeEventQueue"], StringComparison.Ordinal);
        Assert.EndsWith(":${DeadLetterQueueName}\"}", resources["ParkInDeadLetterQueue"], StringComparison.Ordinal);
        foreach (var table in new[] { "table/${StateTableName}\"", "table/${TransitionsTableName}\"", "table/${IncidentsTableName}\"", "table/${IncidentsTableName}/index/*\"" })
        {
            Assert.Contains(table, resources["ReadWriteOwnTables"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExecutionAndTaskRolesAreForEcsTasksOfThisAccountOnly()
    {
        var worker = Templates.Load("driftwatch-worker.yaml");
        foreach (var role in new[] { "ExecutionRole", "TaskRole" })
        {
            var trust = Assert.Single(Templates.Statements(worker), s => s.Owner == role && s.Statement["Principal"] is not null).Statement;
            Assert.Equal("ecs-tasks.amazonaws.com", trust["Principal"]?["Service"]?.GetValue<string>());
            Assert.Equal("""{"Ref":"AWS::AccountId"}""", trust["Condition"]?["StringEquals"]?["aws:SourceAccount"]?.ToJsonString());
        }
    }

    [Fact]
    public void TheExecutionRoleOnlyPullsTheImageWritesItsLogAndReadsTheWebhookSecret()
    {
        var statements = Templates.Statements(Templates.Load("driftwatch-worker.yaml"))
            .Where(s => s.Owner == "ExecutionRole" && s.Statement["Principal"] is null)
            .ToDictionary(s => s.Statement["Sid"]!.GetValue<string>(), s => s.Statement, StringComparer.Ordinal);

        Assert.Equal(["PullImage", "ReadWebhookSecret", "RegistryLogin", "WriteLogStream"], statements.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(":repository/${ImageRepositoryName}", Assert.Single(Templates.ResourceTexts(statements["PullImage"])), StringComparison.Ordinal);
        Assert.Equal("""{"Fn::GetAtt":["LogGroup","Arn"]}""", Assert.Single(Templates.ResourceTexts(statements["WriteLogStream"])));
        Assert.Equal("""{"Ref":"WebhookSecretArn"}""", Assert.Single(Templates.ResourceTexts(statements["ReadWebhookSecret"])));
        Assert.Equal(["secretsmanager:GetSecretValue"], Templates.Actions(statements["ReadWebhookSecret"]));
    }

    [Fact]
    public void TheTasksSecurityGroupAdmitsNothingAndSendsOnlyHttps()
    {
        var group = Templates.Resources(Templates.Load("driftwatch-worker.yaml")).Single(r => r.Id == "SecurityGroup").Resource["Properties"]!;

        Assert.Null(group["SecurityGroupIngress"]);
        var egress = Assert.Single(group["SecurityGroupEgress"]!.AsArray())!;
        Assert.Equal("tcp", egress["IpProtocol"]?.GetValue<string>());
        Assert.Equal(443, egress["FromPort"]?.GetValue<int>());
        Assert.Equal(443, egress["ToPort"]?.GetValue<int>());
    }

    [Theory]
    [InlineData("driftwatch-region.yaml")]
    [InlineData("driftwatch-member.yaml")]
    public void TheForwardingRoleCanOnlyPutEventsOnTheCentralBus(string template)
    {
        var statements = Templates.Statements(Templates.Load(template))
            .Where(s => s.Owner == "ForwarderRole" && s.Statement["Principal"] is null)
            .Select(s => s.Statement)
            .ToList();
        var statement = Assert.Single(statements);
        Assert.Equal(["events:PutEvents"], Templates.Actions(statement));
        Assert.All(Templates.ResourceTexts(statement), r => Assert.Contains("CentralEventBus", r, StringComparison.Ordinal));
    }

    [Fact]
    public void TheQueueAdmitsOnlyTheCentralRule()
    {
        var central = Templates.Load("driftwatch-central.yaml");
        var statement = Assert.Single(Templates.Statements(central), s => s.Owner == "QueuePolicy").Statement;
        Assert.Equal("events.amazonaws.com", statement["Principal"]?["Service"]?.GetValue<string>());
        Assert.Equal(["sqs:SendMessage"], Templates.Actions(statement));
        Assert.Equal("""{"Fn::GetAtt":["QueueRule","Arn"]}""", statement["Condition"]?["ArnEquals"]?["aws:SourceArn"]?.ToJsonString());
    }

    [Fact]
    public void QueuesAndTablesAreEncryptedAndDeadLettersAreKept14Days()
    {
        var central = Templates.Load("driftwatch-central.yaml");
        var resources = Templates.Resources(central).ToList();
        var queues = resources.Where(r => r.Resource["Type"]?.GetValue<string>() == "AWS::SQS::Queue").ToList();
        Assert.Equal(2, queues.Count);
        Assert.All(queues, q => Assert.True(
            q.Resource["Properties"]?["SqsManagedSseEnabled"]?.GetValue<bool>() == true || q.Resource["Properties"]?["KmsMasterKeyId"] is not null,
            $"{q.Id} is not encrypted"));
        Assert.Equal(1209600, resources.Single(r => r.Id == "DeadLetterQueue").Resource["Properties"]!["MessageRetentionPeriod"]!.GetValue<int>());

        var tables = resources.Where(r => r.Resource["Type"]?.GetValue<string>() == "AWS::DynamoDB::Table").ToList();
        Assert.Equal(3, tables.Count);
        Assert.All(tables, t => Assert.True(t.Resource["Properties"]?["SSESpecification"]?["SSEEnabled"]?.GetValue<bool>() == true, $"{t.Id} is not encrypted"));
    }

    private static Dictionary<string, JsonObject> WorkerPolicy(JsonObject template, string role) =>
        Templates.Statements(template)
            .Where(s => s.Owner == role && s.Statement["Principal"] is null)
            .ToDictionary(s => s.Statement["Sid"]!.GetValue<string>(), s => s.Statement, StringComparer.Ordinal);
}
