using DriftWatch.Aws.Http;
using Microsoft.Extensions.Configuration;

namespace DriftWatch.Aws.Tests.Http;

public sealed class EndpointResolverTests
{
    private static readonly Uri Configured = new("http://configured:1/");

    [Fact]
    public void ServiceSpecificVariableBeatsTheGlobalOne()
    {
        var resolver = Resolver(null, ("AWS_ENDPOINT_URL", "http://global:1/"), ("AWS_ENDPOINT_URL_CLOUDTRAIL", "http://cloudtrail:2/"));

        Assert.Equal(new Uri("http://cloudtrail:2/"), resolver.Resolve(AwsService.CloudTrail, "eu-west-1"));
        Assert.Equal(new Uri("http://global:1/"), resolver.Resolve(AwsService.EventBridge, "eu-west-1"));
    }

    [Fact]
    public void EventBridgeReadsItsOwnVariable()
    {
        var resolver = Resolver(null, ("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://events:3/"));

        Assert.Equal(new Uri("http://events:3/"), resolver.Resolve(AwsService.EventBridge, "eu-west-1"));
    }

    [Fact]
    public void ConfiguredEndpointBeatsTheEnvironment()
    {
        var resolver = Resolver(Configured, ("AWS_ENDPOINT_URL_CLOUDTRAIL", "http://cloudtrail:2/"), ("AWS_ENDPOINT_URL", "http://global:1/"));

        Assert.Equal(Configured, resolver.Resolve(AwsService.CloudTrail, "eu-west-1"));
    }

    [Fact]
    public void ReadsTheVariablesFromEnvironmentVariablesInConfiguration()
    {
        const string Variable = "AWS_ENDPOINT_URL_ORGANIZATIONS";
        Environment.SetEnvironmentVariable(Variable, "http://organizations:4/");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var resolver = new EndpointResolver(Microsoft.Extensions.Options.Options.Create(new AwsClientOptions()), configuration);

            Assert.Equal(new Uri("http://organizations:4/"), resolver.Resolve(AwsService.Organizations, "us-east-1"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Theory]
    [InlineData("eu-west-1", "https://cloudtrail.eu-west-1.amazonaws.com/")]
    [InlineData("us-gov-west-1", "https://cloudtrail.us-gov-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://cloudtrail.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-isob-east-1", "https://cloudtrail.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("eusc-de-east-1", "https://cloudtrail.eusc-de-east-1.amazonaws.eu/")]
    public void DefaultsToThePublicRegionalHostOfTheRegionsPartition(string region, string expected)
    {
        Assert.Equal(new Uri(expected), Resolver(null).Resolve(AwsService.CloudTrail, region));
    }

    [Fact]
    public void IgnoresBlankVariables()
    {
        var resolver = Resolver(null, ("AWS_ENDPOINT_URL_CLOUDTRAIL", " "));

        Assert.Equal(new Uri("https://cloudtrail.us-east-1.amazonaws.com/"), resolver.Resolve(AwsService.CloudTrail, "us-east-1"));
    }

    private static EndpointResolver Resolver(Uri? configured, params (string Name, string Value)[] environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Name, (string?)e.Value)))
            .Build();
        return new EndpointResolver(Microsoft.Extensions.Options.Options.Create(new AwsClientOptions { EndpointUrl = configured }), configuration);
    }
}
