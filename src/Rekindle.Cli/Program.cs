using System.CommandLine;
using Rekindle.Cli.Import;
using Rekindle.Cli.ModelReport;
using Rekindle.Cli.Recommend;
using Rekindle.Cli.Scoring;

// The rekindle command-line tool: a client of a running Rekindle server's admin API.
// Every command has --help; `rekindle --help` lists them.
var root = new RootCommand("Rekindle command-line tool: import and score talk to a running Rekindle server (--server, --admin-key); model-report and recommend evaluate work on files.")
{
    ImportCommand.Create(),
    ScoreCommand.Create(),
    ModelReportCommand.Create(),
    RecommendCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
