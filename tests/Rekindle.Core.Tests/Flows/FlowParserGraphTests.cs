using Rekindle.Core.Flows;

namespace Rekindle.Core.Tests.Flows;

public class FlowParserGraphTests
{
    [Fact]
    public void Parse_DuplicateStepIds_ReportsTheLaterOnes()
    {
        FlowParseResult result = Parse("""
            [{"id":"a","type":"wait","duration":"1h","next":"b"},
             {"id":"b","type":"exit"},
             {"id":"a","type":"exit"}]
            """);

        Assert.Equal([new FlowError("steps[2].id", "duplicate step id 'a' (also steps[0])")], result.Errors);
    }

    [Fact]
    public void Parse_LinksToMissingSteps_ReportsEachLinkAndStart()
    {
        FlowParseResult result = Parse(
            """
            [{"id":"a","type":"condition","condition":{"type":"eventOccurred","event":"E","since":"flowStart"},"then":"nope","else":"b"},
             {"id":"b","type":"sendEmail","subject":"s","html":"h","next":"gone"}]
            """,
            start: "\"missing\"");

        Assert.Equal(
            [
                new FlowError("steps[0].then", "unknown step 'nope'"),
                new FlowError("steps[1].next", "unknown step 'gone'"),
                new FlowError("start", "unknown step 'missing'"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_UnreachableSteps_ReportsEach()
    {
        FlowParseResult result = Parse(
            """
            [{"id":"orphan","type":"sendEmail","subject":"s","html":"h","next":"end"},
             {"id":"begin","type":"wait","duration":"1d","next":"end"},
             {"id":"end","type":"exit"},
             {"id":"island","type":"exit"}]
            """,
            start: "\"begin\"");

        Assert.Equal(
            [
                new FlowError("steps[0]", "unreachable from the start step 'begin'"),
                new FlowError("steps[3]", "unreachable from the start step 'begin'"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_CycleWithoutWait_IsReportedOnceWithItsPath()
    {
        FlowParseResult result = Parse("""
            [{"id":"check","type":"condition","condition":{"type":"eventNotOccurred","event":"E","since":"flowStart"},"then":"mail","else":null},
             {"id":"mail","type":"sendEmail","subject":"s","html":"h","next":"again"},
             {"id":"again","type":"condition","condition":{"type":"eventOccurred","event":"E","since":"flowStart"},"then":null,"else":"check"}]
            """);

        Assert.Equal([new FlowError("steps[0]", "cycle without a wait step: check -> mail -> again -> check")], result.Errors);
    }

    [Fact]
    public void Parse_ConditionPointingAtItself_IsACycle()
    {
        FlowParseResult result = Parse("""
            [{"id":"loop","type":"condition","condition":{"type":"eventOccurred","event":"E","since":"flowStart"},"then":"loop","else":null}]
            """);

        Assert.Equal([new FlowError("steps[0]", "cycle without a wait step: loop -> loop")], result.Errors);
    }

    [Fact]
    public void Parse_CycleThroughAWait_IsAccepted()
    {
        FlowParseResult result = Parse("""
            [{"id":"mail","type":"sendEmail","subject":"s","html":"h","next":"pause"},
             {"id":"pause","type":"wait","duration":"P7D","next":"mail"}]
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Flow!.Steps.Length);
    }

    [Fact]
    public void Parse_FieldAndGraphErrorsTogether_ReportsAll()
    {
        FlowParseResult result = Parse("""
            [{"id":"w","type":"wait","duration":"-1h","next":"x"},
             {"id":"m","type":"sendEmail","subject":"s","html":"h","next":"m"}]
            """);

        Assert.Equal(
            [
                new FlowError("steps[0].duration", "must be a duration in whole seconds: ISO-8601 (\"PT24H\", \"P1D\") or short (\"24h\", \"30m\", \"5s\", \"2d\")"),
                new FlowError("steps[0].next", "unknown step 'x'"),
                new FlowError("steps[1]", "unreachable from the start step 'w'"),
                new FlowError("steps[1]", "cycle without a wait step: m -> m"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_StepWithUnknownType_DoesNotCauseGuessedReachabilityErrors()
    {
        // Where "future" leads is unknown, so "b" may well be reachable through it.
        FlowParseResult result = Parse("""
            [{"id":"a","type":"future","next":"b"},
             {"id":"b","type":"exit"}]
            """);

        Assert.Equal([new FlowError("steps[0].type", "unknown step type 'future'; expected one of: addTag, condition, exit, issueCoupon, notify, randomSplit, removeTag, sendEmail, sendWebhook, setAttribute, split, wait, waitForEvent")], result.Errors);
    }

    private static FlowParseResult Parse(string steps, string start = "null") =>
        FlowParser.Parse($$"""{"id":"f","name":"F","trigger":{"events":["E"]},"start":{{start}},"steps":{{steps}}}""");
}
