using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Readme;

/// <summary>
/// The README's commands, run as a newcomer runs them: every <c>bash</c> block from "Try it in five minutes" on,
/// in order, against one real server, from the repository's root. The first of them starts the server; the test
/// starts the same program with the variables that line sets (on a free port, which replaces
/// <c>localhost:5080</c> in the commands, and with keys generated and printed as on a first start) and hands the
/// printed keys to the commands as <c>$WRITE_KEY</c> and <c>$ADMIN</c>, as the tour tells the reader to.
/// Blocks marked <c>text</c> show output or placeholders and are not run. Between blocks the test waits for what a
/// reader waits for by reading: the engine to apply the events, and the email after the clock moves on.
/// </summary>
public sealed partial class ReadmeCommandsTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rekindle-readme-" + Guid.NewGuid().ToString("N"));
    private RekindleServerProcess? _server;

    private RekindleServerProcess Server => _server ?? throw new InvalidOperationException("the server has not been started");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryBashBlockFromTheTourOn_RunsAsWritten_AndDoesWhatTheReadmeSays()
    {
        var blocks = ReadmeFile.Blocks()
            .SkipWhile(b => b.Section != "Try it in five minutes")
            .Where(b => b.Language == "bash")
            .ToList();
        Assert.True(blocks.Count >= 8, $"expected the tour and the sections after it to have bash blocks, found {blocks.Count}");

        await StartServerAsync(blocks[0]);
        var variables = new Dictionary<string, string>
        {
            ["WRITE_KEY"] = PrintedKey("Ingestion write key", "wk_"),
            ["ADMIN"] = PrintedKey("Admin API key", "ak_"),
            ["REKINDLE_SERVER"] = Server.Http.BaseAddress!.ToString().TrimEnd('/'),
            // The test run has just built the solution; ./rekindle must not rebuild assemblies other tests have loaded.
            ["REKINDLE_NO_BUILD"] = "1",
        };
        Server.AdminKeyInUse = variables["ADMIN"];

        var outputs = new List<(ReadmeBlock Block, string Output)>();
        foreach (var block in blocks.Skip(1))
        {
            var code = block.Code.Replace("localhost:5080", $"127.0.0.1:{Server.Port}", StringComparison.Ordinal);
            var (exit, output, error) = await BashScript.RunAsync(code, RepositoryRoot.Path, variables, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0,
                $"README.md line {block.Line} ({block.Section}) exited with {exit}:\n{block.Code}\nstdout:\n{output}\nstderr:\n{error}\nserver:\n{Server.Output}");
            outputs.Add((block, output));
            await Server.WaitUntilAppliedAsync($"the engine to apply what README.md line {block.Line} sent");
            if (block.Code.Contains("/api/dev/clock/advance", StringComparison.Ordinal))
            {
                await Server.WaitUntilAsync(async () => (await Mailbox()).GetArrayLength() > 0, "the abandoned-cart email after the clock moved on");
            }
        }

        // Step 4: Ada's cart as the tour shows it, and her journey waiting.
        Assert.Contains("\"productId\": \"p-42\"", OutputOf(outputs, "jq '.profile | {id, email, cart}'"), StringComparison.Ordinal);
        Assert.Contains("\"currentStepId\": \"wait\"", OutputOf(outputs, "abandoned-cart/instances"), StringComparison.Ordinal);

        // Step 5: exactly the one email, with the cart's product and price in the cart's currency.
        var mail = Assert.Single((await Mailbox()).EnumerateArray());
        Assert.Equal("ada@example.com", mail.GetProperty("to").GetString());
        Assert.Equal("Ada, your cart is waiting", mail.GetProperty("subject").GetString());
        Assert.Equal("<p>Trail Running Shoe: €89.95</p>", mail.GetProperty("html").GetString());
        Assert.Contains("\"subject\": \"Ada, your cart is waiting\"", OutputOf(outputs, "/api/dev/mailbox"), StringComparison.Ordinal);

        // Importing order history: the sample's 1,817 orders of 432 customers (6 more only returned goods) are created
        // once (samples/README.md); the same file over HTTP adds nothing.
        Assert.Matches(CountLine("orders created", 1817), OutputOf(outputs, "./rekindle import orders"));
        Assert.Matches(CountLine("customers created", 432), OutputOf(outputs, "./rekindle import orders"));
        Assert.Contains("\"ordersNew\":0", OutputOf(outputs, "api/orders/import").Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Scoring: the RFM grid covers the imported customers; the model report reproduces the published CDNOW fit.
        var rfm = await Server.AdminJsonAsync("/api/analytics/rfm");
        Assert.True(rfm.GetProperty("customers").GetInt32() > 0, rfm.ToString());
        // Fader, Hardie & Lee (2005) publish r 0.243, α 4.414, a 0.793, b 2.426 and a log-likelihood of −9582.4.
        Assert.Contains("r = 0.2426, alpha = 4.4136, a = 0.7929, b = 2.4259; log-likelihood -9582.43", OutputOf(outputs, "./rekindle model-report"), StringComparison.Ordinal);
    }

    private async Task StartServerAsync(ReadmeBlock start)
    {
        var match = ServerCommand().Match(start.Code.Trim());
        Assert.True(match.Success, $"README.md line {start.Line}: the tour's first bash block should start the server, found:\n{start.Code}");

        var settings = SqliteServerFixture.SqliteSettings(_folder);
        // No configured keys, so the server generates and prints them as on a shop's first start; the test
        // harness's adjustable clock is off unless the README's command turns it on.
        settings["Ingestion__WriteKeys__0"] = "";
        settings["Admin__ApiKey"] = "";
        settings["Clock__Adjustable"] = "false";
        foreach (Capture assignment in match.Groups["env"].Captures)
        {
            var (name, value) = (assignment.Value.Trim().Split('=', 2)[0], assignment.Value.Trim().Split('=', 2)[1]);
            settings[name] = value;
        }

        _server = new RekindleServerProcess(settings);
        await _server.StartAsync();
    }

    private string PrintedKey(string label, string prefix)
    {
        var match = Regex.Match(Server.Output, Regex.Escape(label) + @"[^\n]*?: (" + prefix + @"[0-9a-f]+)");
        Assert.True(match.Success, $"the server did not print its {label} on first start:\n{Server.Output}");
        return match.Groups[1].Value;
    }

    private Task<JsonElement> Mailbox() => Server.AdminJsonAsync("/api/dev/mailbox");

    private static string OutputOf(List<(ReadmeBlock Block, string Output)> outputs, string command)
    {
        var found = outputs.Where(o => o.Block.Code.Contains(command, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count > 0, $"no README bash block runs '{command}' any more; update this test with the README");
        return string.Join('\n', found.Select(o => o.Output));
    }

    private static Regex CountLine(string label, int count) =>
        new($@"(?m)^\s*{Regex.Escape(label)}\s+{count.ToString("N0", CultureInfo.InvariantCulture)}\s*$");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }

    [GeneratedRegex(@"^(?<env>[A-Za-z_][A-Za-z0-9_]*=\S+\s+)*dotnet run --project src/Rekindle\.Server$")]
    private static partial Regex ServerCommand();
}
