using DriftWatch.Campaign;

// `worker`: one worker process (started by the campaign). Anything else: the campaign itself.
if (args is ["worker", ..])
{
    return await WorkerHost.RunAsync();
}

var settings = CampaignSettings.Parse(args, Console.Error);
if (settings is null)
{
    return 64;
}

return await new CampaignRun(settings, Console.Out).RunAsync();
