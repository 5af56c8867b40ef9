using Rekindle.Core.Conditions;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Tests.Flows;

public class FlowParserTests
{
    [Fact]
    public void Parse_AbandonedCartExample_GivesTheDefinition()
    {
        FlowParseResult result = FlowParser.Parse(FlowSamples.AbandonedCartJson);

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        Assert.Equal(FlowSamples.AbandonedCart, result.Flow);
    }

    [Fact]
    public void Parse_ExplicitStartAndDefaults_UsesThem()
    {
        FlowParseResult result = FlowParser.Parse("""
            {"id":"welcome","name":"Welcome","trigger":{"events":["Signed Up"]},"start":"hello",
             "steps":[{"id":"bye","type":"exit"},
                      {"id":"hello","type":"sendEmail","subject":"Hi","html":"<p>Hi</p>","next":"bye"}]}
            """);

        Assert.Empty(result.Errors);
        FlowDefinition flow = result.Flow!;
        Assert.Equal(ReentryPolicy.WhileNotActive, flow.Reentry);
        Assert.Equal("hello", flow.StartStepId);
        Assert.Equal(new SendEmailStep("hello", "bye", "Hi", "<p>Hi</p>", null), flow.FindStep("hello"));
        Assert.Equal(new ExitStep("bye"), flow.FindStep("bye"));
    }

    [Theory]
    [InlineData("whileNotActive", ReentryPolicy.WhileNotActive)]
    [InlineData("once", ReentryPolicy.Once)]
    [InlineData("always", ReentryPolicy.Always)]
    public void Parse_Reentry_MapsEachPolicy(string text, ReentryPolicy expected)
    {
        FlowParseResult result = FlowParser.Parse(Document(reentry: $"\"{text}\""));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Flow!.Reentry);
    }

    [Theory]
    [InlineData("24h", 24 * 3600)]
    [InlineData("30m", 30 * 60)]
    [InlineData("5s", 5)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("PT24H", 24 * 3600)]
    [InlineData("P1D", 86400)]
    [InlineData("PT5S", 5)]
    [InlineData("P1DT12H30M", 86400 + (12 * 3600) + (30 * 60))]
    public void Parse_WaitDuration_AcceptsBothForms(string text, int seconds)
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: $$"""[{"id":"w","type":"wait","duration":"{{text}}"}]"""));

        Assert.Empty(result.Errors);
        Assert.Equal(new WaitStep("w", null, TimeSpan.FromSeconds(seconds)), Assert.Single(result.Flow!.Steps));
    }

    [Fact]
    public void Parse_TriggerWhere_ReadsValuesAndLists()
    {
        FlowParseResult result = FlowParser.Parse("""
            {"id":"winback","name":"Win-back","trigger":{"events":["RFM Segment Changed"],"where":{"to":["At Risk","Cannot Lose Them"],"vip":true,"tier":3}},
             "steps":[{"id":"x","type":"exit"}]}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(
            new EventTrigger(["RFM Segment Changed"],
                [new PropertyFilter("to", ["At Risk", "Cannot Lose Them"]), new PropertyFilter("vip", ["true"]), new PropertyFilter("tier", ["3"])]),
            result.Flow!.Trigger);
    }

    [Fact]
    public void Parse_TriggerWhereProblems_ReportsEachProperty()
    {
        FlowParseResult result = FlowParser.Parse("""
            {"id":"f","name":"F","trigger":{"events":["E"],"where":{"to":[],"from":{"a":1},"x":[1,null]}},"steps":[{"id":"x","type":"exit"}]}
            """);

        const string problem = "must be a value (string, number or boolean) or a non-empty list of them";
        Assert.Equal(
            [new FlowError("trigger.where.to", problem), new FlowError("trigger.where.from", problem), new FlowError("trigger.where.x", problem)],
            result.Errors);
    }

    [Fact]
    public void Parse_WaitForBestTime_ReadsWindowAndChannel()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"a","type":"wait","duration":"1d","bestTimeWithin":"24h","next":"b"},
             {"id":"b","type":"wait","duration":"2h","bestTimeWithin":"P7D","channel":"sms"}]
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(new WaitStep("a", "b", TimeSpan.FromDays(1), new SendTimeWindow(TimeSpan.FromDays(1), "email")), result.Flow!.Steps[0]);
        Assert.Equal(new WaitStep("b", null, TimeSpan.FromHours(2), new SendTimeWindow(TimeSpan.FromDays(7), "sms")), result.Flow.Steps[1]);
    }

    [Fact]
    public void Parse_WaitForBestTimeProblems_ReportsEach()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"a","type":"wait","duration":"1d","bestTimeWithin":"8d","next":"b"},
             {"id":"b","type":"wait","duration":"1d","bestTimeWithin":"1d","channel":"fax","next":"c"},
             {"id":"c","type":"wait","duration":"1d","channel":"email"}]
            """));

        Assert.Equal(
            [
                new FlowError("steps[0].bestTimeWithin", "must be at most 7 days (a week holds every hour of the week)"),
                new FlowError("steps[1].channel", "must be one of: email, sms, push"),
                new FlowError("steps[2].channel", "is only for a wait with \"bestTimeWithin\""),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_SendEmailWithRecommendations_ReadsKindAndLimit()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"m","type":"sendEmail","subject":"s","html":"h","recommendations":{"kind":"upsell"},"next":"n"},
             {"id":"n","type":"sendEmail","subject":"s","html":"h","recommendations":{"kind":"similar-customers","limit":20}}]
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(new EmailRecommendations("upsell", 4), ((SendEmailStep)result.Flow!.Steps[0]).Recommendations);
        Assert.Equal(new EmailRecommendations("similar-customers", 20), ((SendEmailStep)result.Flow.Steps[1]).Recommendations);
    }

    [Fact]
    public void Parse_SendEmailTransactionalFlag_ReadDefaultMarketing()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"m","type":"sendEmail","subject":"s","html":"h","transactional":true,"next":"n"},
             {"id":"n","type":"sendEmail","subject":"s","html":"h","transactional":false,"next":"o"},
             {"id":"o","type":"sendEmail","subject":"s","html":"h"}]
            """));

        Assert.Empty(result.Errors);
        Assert.Equal([true, false, false], result.Flow!.Steps.Select(s => ((SendEmailStep)s).Transactional));
    }

    [Fact]
    public void Parse_SendEmailTransactionalNotABoolean_ReportsTheField()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"m","type":"sendEmail","subject":"s","html":"h","transactional":"yes"}]
            """));

        Assert.Equal([new FlowError("steps[0].transactional", "must be true or false")], result.Errors);
    }

    [Fact]
    public void Parse_SendEmailWithBadRecommendations_ReportsEachField()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"m","type":"sendEmail","subject":"s","html":"h","recommendations":{"kind":"deluxe","limit":21,"colour":"red"},"next":"n"},
             {"id":"n","type":"sendEmail","subject":"s","html":"h","recommendations":"bought-together"}]
            """));

        Assert.Equal(
            [
                new FlowError("steps[0].recommendations.kind", "must be one of: bought-together, similar-customers, upsell"),
                new FlowError("steps[0].recommendations.limit", "must be a whole number from 1 to 20"),
                new FlowError("steps[0].recommendations.colour", "unknown property"),
                new FlowError("steps[1].recommendations", "must be an object"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_SendEmailWithCoupon_ReadsTheCampaign()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"m","type":"sendEmail","subject":"s","html":"{{ coupon.code }}","coupon":"winback"}]
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(new SendEmailStep("m", null, "s", "{{ coupon.code }}", null, "winback"), result.Flow!.Steps[0]);
    }

    [Fact]
    public void Parse_SendEmailWithBadCouponId_SaysWhatAnIdIs()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"m","type":"sendEmail","subject":"s","html":"h","coupon":"win back"}]
            """));

        Assert.Equal(
            "steps[0].coupon: must be a coupon campaign id: must be 1 to 64 letters, digits, '-', '_' or '.'",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_EventOccurredCondition_ReadsIt()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"c","type":"condition","condition":{"type":"eventOccurred","event":"Order Completed","since":"flowStart"},"then":"x"},
             {"id":"x","type":"exit"}]
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(
            new ConditionStep("c", new EventCondition("Order Completed", EventWindow.FlowStart, EventCount.Occurred), "x", null),
            result.Flow!.Steps[0]);
    }

    [Fact]
    public void Parse_NotJson_ReportsTheDocument()
    {
        FlowParseResult result = FlowParser.Parse("{\"id\":");

        FlowError error = Assert.Single(result.Errors);
        Assert.Equal("", error.Path);
        Assert.Equal("is not valid JSON: it ends too early, at line 1, column 7", error.Problem);
        Assert.Null(result.Flow);
    }

    [Fact]
    public void Parse_NotAnObject_ReportsTheDocument()
    {
        FlowParseResult result = FlowParser.Parse("[1]");

        Assert.Equal([new FlowError("", "must be an object")], result.Errors);
    }

    [Fact]
    public void Parse_EmptyObject_ReportsEveryRequiredField()
    {
        FlowParseResult result = FlowParser.Parse("{}");

        Assert.Equal(
            [
                new FlowError("id", "is required"),
                new FlowError("name", "is required"),
                new FlowError("trigger", "is required"),
                new FlowError("steps", "is required"),
            ],
            result.Errors);
        Assert.Null(result.Flow);
    }

    [Fact]
    public void Parse_WrongTypesAndValuesAtTheTop_ReportsEachOne()
    {
        FlowParseResult result = FlowParser.Parse("""
            {"id":"no spaces","name":"  ","trigger":{"events":["A","",7,"A"]},"reentry":"sometimes","start":5,"steps":{}}
            """);

        Assert.Equal(
            [
                new FlowError("id", "must be 1 to 64 letters, digits, '-', '_' or '.'"),
                new FlowError("name", "must not be empty"),
                new FlowError("trigger.events[1]", "must not be empty"),
                new FlowError("trigger.events[2]", "must be a string"),
                new FlowError("trigger.events[3]", "duplicate event 'A'"),
                new FlowError("reentry", """must be one of: whileNotActive, once, always, {"oncePer": "<duration>"}, {"perKey": "<property>"}"""),
                new FlowError("start", "must be a string or null"),
                new FlowError("steps", "must be an array"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_EmptyTriggerAndSteps_ReportsBoth()
    {
        FlowParseResult result = FlowParser.Parse("""{"id":"f","name":"F","trigger":{"events":[]},"steps":[]}""");

        Assert.Equal(
            [
                new FlowError("trigger.events", "must contain at least one event"),
                new FlowError("steps", "must contain at least one step"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_UnknownAndDuplicateProperties_AreErrorsAtEveryLevel()
    {
        FlowParseResult result = FlowParser.Parse("""
            {"id":"f","name":"F","Name":"G","trigger":{"events":["A"],"filter":{}},
             "steps":[{"id":"w","type":"wait","duration":"1h","durration":"2h","next":"c"},
                      {"id":"c","type":"condition","condition":{"type":"eventOccurred","event":"B","since":"flowStart","within":"1d"},"then":null,"next":"w"},
                      {"id":"e","type":"exit","next":null,"id":"e2"}]}
            """);

        Assert.Equal(
            [
                new FlowError("trigger.filter", "unknown property"),
                new FlowError("steps[0].durration", "unknown property"),
                new FlowError("steps[1].condition.within", "unknown property; expected one of: type, event, since"),
                new FlowError("steps[1].next", "unknown property"),
                new FlowError("steps[2].id", "duplicate property"),
                new FlowError("steps[2].next", "unknown property"),
                new FlowError("Name", "unknown property"),
                new FlowError("steps[2]", "unreachable from the start step 'w'"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_UnknownStepAndConditionTypes_NameTheKnownOnes()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"id":"a","type":"sendCarrierPigeon","next":"b","whatever":1},
             {"id":"b","type":"condition","condition":{"type":"moonIsFull"},"then":"a"}]
            """));

        Assert.Equal(
            [
                new FlowError("steps[0].type", "unknown step type 'sendCarrierPigeon'; expected one of: addTag, condition, exit, issueCoupon, notify, randomSplit, removeTag, sendEmail, sendWebhook, setAttribute, split, wait, waitForEvent"),
                new FlowError("steps[1].condition.type", "unknown condition type 'moonIsFull'; expected one of: eventOccurred, eventNotOccurred"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_StepFieldProblems_ReportsEachWithItsPath()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """
            [{"type":"wait","duration":24,"next":""},
             {"id":"w0","type":"wait","duration":"0s"},
             {"id":"w1","type":"wait","duration":"1097d"},
             {"id":"w2","type":"wait","duration":"P1M"},
             {"id":"w3","type":"wait"},
             {"id":"c","type":"condition","then":3},
             {"id":"c2","type":"condition","condition":{"type":"eventNotOccurred","event":"","since":"yesterday"}},
             {"id":"c3","type":"condition","condition":"Order Completed"},
             {"id":"m","type":"sendEmail","subject":"","text":""},
             "exit"]
            """));

        const string durationSyntax =
            "must be a duration in whole seconds: ISO-8601 (\"PT24H\", \"P1D\") or short (\"24h\", \"30m\", \"5s\", \"2d\")";
        Assert.Equal(
            [
                new FlowError("steps[0].id", "is required"),
                new FlowError("steps[0].next", "must be a step id or null"),
                new FlowError("steps[0].duration", durationSyntax),
                new FlowError("steps[1].duration", "must be greater than zero"),
                new FlowError("steps[2].duration", "must be at most 3 years (1096 days)"),
                new FlowError("steps[3].duration", durationSyntax),
                new FlowError("steps[4].duration", "is required (or \"until\" a local time, or \"untilDate\" a date trait)"),
                new FlowError("steps[5].condition", "is required"),
                new FlowError("steps[5].then", "must be a step id or null"),
                new FlowError("steps[6].condition.event", "must not be empty"),
                new FlowError("steps[6].condition.since", "must be one of: flowStart (for the last N days, use \"within\": \"30d\")"),
                new FlowError("steps[7].condition", "must be an object"),
                new FlowError("steps[8].subject", "must not be empty"),
                new FlowError("steps[8].html", "is required"),
                new FlowError("steps[8].text", "must not be empty"),
                new FlowError("steps[9]", "must be an object"),
            ],
            result.Errors);
        Assert.Null(result.Flow);
    }

    [Fact]
    public void Parse_HugeDuration_IsTooLongNotGarbage()
    {
        FlowParseResult result = FlowParser.Parse(Document(steps: """[{"id":"w","type":"wait","duration":"99999999999999999999999d"}]"""));

        Assert.Equal([new FlowError("steps[0].duration", "must be at most 3 years (1096 days)")], result.Errors);
    }

    [Fact]
    public void Parse_TooManySteps_IsRefused()
    {
        string steps = "[" + string.Join(",", Enumerable.Range(0, 501).Select(i => $$"""{"id":"s{{i}}","type":"exit"}""")) + "]";

        FlowParseResult result = FlowParser.Parse(Document(steps: steps));

        Assert.Equal([new FlowError("steps", "must contain at most 500 steps")], result.Errors);
    }

    /// <summary>A valid document with one part replaced.</summary>
    private static string Document(string reentry = "\"whileNotActive\"", string steps = """[{"id":"x","type":"exit"}]""") =>
        $$"""{"id":"f","name":"F","trigger":{"events":["Product Added"]},"reentry":{{reentry}},"steps":{{steps}}}""";
}
