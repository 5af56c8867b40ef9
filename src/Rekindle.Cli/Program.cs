using System.CommandLine;
using Rekindle.Cli.Import;
using Rekindle.Cli.Scoring;

// The rekindle command-line tool: a client of a running Rekindle server's admin API.
// Every command has --help; `rekindle --help` lists them.
var root = new RootCommand("Rekindle command-line tool: talks to a running Rekindle server (--server, --admin-key).")
{
    ImportCommand.Create(),
    ScoreCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
