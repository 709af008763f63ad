using DriftWatch.Cli;
using DriftWatch.Cli.Commands;

// The composition root: one line per command. Each command builds its own options and handler.
var root = RootCommandFactory.Create(
[
    CheckCommand.Create(),
    WatchCommand.Create(),
    HistoryCommand.Create(),
    IncidentsCommand.Create(),
    ReportCommand.Create(),
    HealthCommand.Create(),
]);

return await CliRunner.RunAsync(root, args);
