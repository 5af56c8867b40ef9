using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows.Steps;

/// <summary>
/// Properties of the interpreter over generated flows and simulated months: every run ends (no flow the validator accepts
/// can spin), the same input twice changes nothing, and random splits share out as weighted.
/// </summary>
public class FlowPropertyTests
{
    private static readonly string[] Events = ["Order Completed", "Product Viewed", "Email Opened"];

    [Fact]
    public void Runs_OfEveryValidFlowOverMonths_AlwaysEndAndRepeatNothing()
    {
        var valid = 0;
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            if (RandomFlow(seed) is not { } flow)
            {
                return true;   // the validator refused it (a wait-free cycle, an unreachable step): nothing to run
            }

            valid++;
            Simulate(flow, seed);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

        // The generator must produce enough runnable flows for the property to mean something; about a quarter are
        // valid, so 1,000 draws keep the floor of 100 far below what any run yields.
        Assert.True(valid >= 100, $"only {valid} of 1000 generated flows were valid");
    }

    [Fact]
    public void RandomSplit_Shares_ConvergeToTheWeights()
    {
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Choose(1, 10)).Where(w => w.Count is >= 2 and <= 4)), weights =>
        {
            var split = new RandomSplitStep("ab", [.. weights.Select((w, i) => new RandomPath($"p{i}", w, null))]);
            const int n = 20_000;
            var counts = Enumerable.Range(0, n).Select(i => split.Choose($"instance-{i}").Name).CountBy(name => name).ToDictionary();
            double total = weights.Sum();
            for (int i = 0; i < weights.Count; i++)
            {
                double share = counts.GetValueOrDefault($"p{i}") / (double)n;

                // 0.02 is over five standard deviations of a share of 20,000 draws.
                Assert.InRange(share, (weights[i] / total) - 0.02, (weights[i] / total) + 0.02);
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    /// <summary>
    /// Drives one contact through the flow for up to six simulated months: events at random times, timers when due.
    /// Each run must end without the step limit, and repeating any input at once must change nothing.
    /// </summary>
    private static void Simulate(FlowDefinition flow, int seed)
    {
        var random = new Random(seed);
        DateTimeOffset now = T0;
        ContactProfile profile = Profile();
        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Signed Up", now, "m-start"), new FlowInput(profile, now));
        Check(result);
        AssertSame(result, FlowInterpreter.Start(flow, "i-1", "c-1", Track("Signed Up", now, "m-start"), new FlowInput(profile, now)));
        FlowInstance instance = result.Instance;
        for (int round = 0; round < 200 && instance.Status == FlowInstanceStatus.Active && now < T0.AddDays(180); round++)
        {
            profile = result.Profile ?? profile;
            bool eventFirst = instance.WakeAt is null || random.Next(2) == 0;
            if (eventFirst)
            {
                now += TimeSpan.FromMinutes(random.Next(1, 60 * 24));
                if (instance.WakeAt is { } due && now >= due)
                {
                    now = due.AddMinutes(-1);
                }

                string name = Events[random.Next(Events.Length)];
                EventMessage e = Track(name, now, $"m-{round}") with
                {
                    Properties = $$"""{"step_id":"{{instance.CurrentStepId}}","instance_id":"i-1"}""",
                };
                profile = profile with { LastEventAt = profile.LastEventAt.SetItem(name, now) };
                result = FlowInterpreter.OnEvent(flow, instance, e, new FlowInput(profile, now));
                Check(result);
                AssertNoChange(FlowInterpreter.OnEvent(flow, result.Instance, e, new FlowInput(result.Profile ?? profile, now)), result.Instance);
            }
            else
            {
                now = instance.WakeAt!.Value;
                result = FlowInterpreter.Resume(flow, instance, new FlowInput(profile, now));
                Check(result);
                AssertNoChange(FlowInterpreter.Resume(flow, result.Instance, new FlowInput(result.Profile ?? profile, now)), result.Instance);
            }

            instance = result.Instance;
        }
    }

    private static void Check(FlowStepResult result)
    {
        Assert.False(result.Instance.ExitReason?.StartsWith(FlowExitReasons.StepLimit, StringComparison.Ordinal) ?? false,
            $"a run hit the step limit: {result.Instance.ExitReason}");
        Assert.True(result.Visits.Length <= FlowInterpreter.MaxStepsPerRun);
        if (result.Instance.Status == FlowInstanceStatus.Active)
        {
            Assert.True(result.Instance.WakeAt is not null || result.Instance.CurrentStepId is not null);
        }
    }

    /// <summary>Two runs decided the same (profiles compared by what a step can change: tags and traits).</summary>
    private static void AssertSame(FlowStepResult expected, FlowStepResult actual)
    {
        Assert.Equal(expected with { Profile = null }, actual with { Profile = null });
        Assert.Equal(expected.Profile?.Tags, actual.Profile?.Tags);
        Assert.Equal(expected.Profile?.Traits.Select(t => (t.Key, t.Value.GetRawText())), actual.Profile?.Traits.Select(t => (t.Key, t.Value.GetRawText())));
    }

    private static void AssertNoChange(FlowStepResult again, FlowInstance instance)
    {
        Assert.Equal(instance, again.Instance);
        Assert.Empty(again.Effects);
        Assert.Empty(again.Visits);
        Assert.Null(again.Profile);
    }

    /// <summary>A flow of 2–10 random steps with random links (mostly forward), or null when the validator refuses it.</summary>
    private static FlowDefinition? RandomFlow(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(2, 11);
        // Mostly on to the next step (so most flows are connected), sometimes further, back (a loop) or out.
        string Link(int from) => random.Next(10) switch
        {
            0 => "null",
            < 7 when from + 1 < n => $"\"s{from + 1}\"",
            < 9 when from + 1 < n => $"\"s{random.Next(from + 1, n)}\"",
            _ => $"\"s{random.Next(n)}\"",
        };

        var steps = new List<string>();
        for (int i = 0; i < n; i++)
        {
            string id = $"\"id\":\"s{i}\"";
            steps.Add(random.Next(8) switch
            {
                0 => $$"""{{{id}},"type":"wait","duration":"{{random.Next(1, 72)}}h","next":{{Link(i)}}}""",
                1 => $$"""{{{id}},"type":"waitForEvent","event":"{{Events[random.Next(Events.Length)]}}","timeout":"{{random.Next(1, 5)}}d","next":{{Link(i)}},"timeoutNext":{{Link(i)}}}""",
                2 => $$"""{{{id}},"type":"split","branches":[{"condition":{"type":"eventOccurred","event":"{{Events[random.Next(Events.Length)]}}","since":"flowStart"},"next":{{Link(i)}}}],"else":{{Link(i)}}}""",
                3 => $$"""{{{id}},"type":"randomSplit","paths":[{"name":"a","weight":{{random.Next(1, 5)}},"next":{{Link(i)}}},{"name":"b","weight":1,"next":{{Link(i)}}}]}""",
                4 => $$"""{{{id}},"type":"addTag","tag":"t{{random.Next(3)}}","next":{{Link(i)}}}""",
                5 => $$"""{{{id}},"type":"sendEmail","subject":"s","html":"h","next":{{Link(i)}}}""",
                6 => $$"""{{{id}},"type":"wait","until":{"time":"{{random.Next(24):00}}:00"},"next":{{Link(i)}}}""",
                _ => i == n - 1 ? $$"""{{{id}},"type":"exit"}""" : $$"""{{{id}},"type":"removeTag","tag":"t{{random.Next(3)}}","next":{{Link(i)}}}""",
            });
        }

        string json = $$"""
            {"id":"f","name":"F","trigger":{"events":["Signed Up"]},"goals":[{"event":"Order Completed"}],"steps":[{{string.Join(",", steps)}}]}
            """;
        return FlowParser.Parse(json).Flow;
    }
}
