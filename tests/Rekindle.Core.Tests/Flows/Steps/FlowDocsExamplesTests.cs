using System.Text.RegularExpressions;
using Rekindle.Core.Flows;
using Rekindle.Testing;

namespace Rekindle.Core.Tests.Flows.Steps;

/// <summary>Every step example in docs/flows.md is a step the parser accepts (only its links lead outside the example).</summary>
public partial class FlowDocsExamplesTests
{
    public static TheoryData<string> StepExamples() => [.. Examples()];

    private static List<string> Examples()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "flows.md"));
        var steps = doc[doc.IndexOf("## Steps", StringComparison.Ordinal)..doc.IndexOf("## Conditions", StringComparison.Ordinal)];
        var data = new List<string>();
        foreach (Match block in JsonBlock().Matches(steps))
        {
            // One step per example, which may continue on the following lines.
            foreach (var example in Regex.Split(block.Groups[1].Value.Trim(), @"\n(?=\{""id"")"))
            {
                if (example.StartsWith("{\"id\"", StringComparison.Ordinal))
                {
                    data.Add(example);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StepExamples))]
    public void Example_Parses(string step)
    {
        var json = $$"""{"id":"doc","name":"Doc","trigger":{"events":["Signed Up"]},"steps":[{{step}}]}""";

        var errors = FlowParser.Parse(json).Errors;

        // Links name steps of the flow the example came from, and fromStep the email it waits on.
        Assert.DoesNotContain(errors, e => !e.Problem.StartsWith("unknown step", StringComparison.Ordinal)
            && !e.Problem.StartsWith("names no step", StringComparison.Ordinal));
    }

    [Fact]
    public void StepExamples_CoverEveryStepType()
    {
        var types = Examples().Select(example => Regex.Match(example, "\"type\": \"([a-zA-Z]+)\"").Groups[1].Value).ToHashSet();

        Assert.Equal(FlowStepTypes.All.Select(t => t.Name).Order(), types.Order());
    }

    [GeneratedRegex("```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
