using Rekindle.Core.Flows.Triggers;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Tests.Flows.Steps;

/// <summary>Every step kind is found by the registry and reads back what it writes.</summary>
public class StepLanguageTests
{
    /// <summary>One step of every kind, as a marketer would write them.</summary>
    public const string EveryStepJson = """
        {"id":"every-step","name":"Every step","trigger":{"events":["Signed Up"]},
         "goals":[{"event":"Order Completed","where":{"currency":["EUR","USD"]}}],
         "steps":[
          {"id":"welcome","type":"sendEmail","subject":"Welcome {{ contact.first_name }}","html":"<p>Hi</p>","next":"opened"},
          {"id":"opened","type":"waitForEvent","event":"Email Opened","fromStep":"welcome","timeout":"3d","next":"tag-engaged","timeoutNext":"ab"},
          {"id":"tag-engaged","type":"addTag","tag":"engaged","next":"crm"},
          {"id":"crm","type":"sendWebhook","url":"https://crm.example.com/hooks/rekindle","body":{"email":"{{ contact.email }}","stage":"engaged"},
           "headers":{"X-Api-Version":"2"},"next":null},
          {"id":"ab","type":"randomSplit","paths":[{"name":"coupon","weight":1,"next":"code"},{"name":"control","weight":3,"next":"morning"}]},
          {"id":"code","type":"issueCoupon","campaign":"welcome-10","next":"morning"},
          {"id":"morning","type":"wait","duration":"1d","until":{"time":"09:00","days":["mon","tue","wed","thu","fri"]},"next":"vip"},
          {"id":"vip","type":"split","branches":[{"name":"buyer","condition":{"type":"eventOccurred","event":"Order Completed","since":"flowStart"},"next":"thank"}],"else":"stage"},
          {"id":"stage","type":"setAttribute","trait":"welcome_stage","value":2,"next":"untag"},
          {"id":"untag","type":"removeTag","tag":"new","next":"birthday"},
          {"id":"birthday","type":"wait","untilDate":{"trait":"birthday","offset":"-7d","time":"10:30"},"bestTimeWithin":"1d","channel":"email","next":"legacy"},
          {"id":"legacy","type":"condition","condition":{"type":"eventNotOccurred","event":"Order Completed","since":"flowStart"},"then":"team","else":null},
          {"id":"team","type":"notify","to":"team@shop.example.com","subject":"{{ contact.email }} never ordered","html":"<p>Call them</p>","next":"end"},
          {"id":"thank","type":"exit"},
          {"id":"end","type":"exit"}
         ]}
        """;

    [Fact]
    public void All_EveryStepRecordDeclaresItsType()
    {
        Assert.Equal(
            ["addTag", "condition", "exit", "issueCoupon", "notify", "randomSplit", "removeTag", "sendEmail", "sendWebhook", "setAttribute", "split",
             "wait", "waitForEvent"],
            FlowStepTypes.All.Select(t => t.Name));
        Assert.Equal(["wait", "waitForEvent"], FlowStepTypes.All.Where(t => t.Pauses).Select(t => t.Name));
    }

    [Fact]
    public void Parse_EveryStepKind_ReadsBackWhatItWrites()
    {
        FlowParseResult parsed = FlowParser.Parse(EveryStepJson);

        Assert.Empty(parsed.Errors);
        FlowDefinition flow = parsed.Flow!;
        Assert.Equal(15, flow.Steps.Length);
        Assert.Equal(FlowStepTypes.All.Count, flow.Steps.Select(s => s.Kind).Distinct().Count());
        FlowParseResult again = FlowParser.Parse(FlowSerializer.ToJson(flow));
        Assert.Empty(again.Errors);
        Assert.Equal(flow, again.Flow);
    }

    [Fact]
    public void Parse_EveryStepKind_FieldsAsWritten()
    {
        FlowDefinition flow = FlowParser.Parse(EveryStepJson).Flow!;

        var wait = Assert.IsType<WaitForEventStep>(flow.FindStep("opened"));
        Assert.Equal(new EventMatch("Email Opened", [], "welcome"), wait.Match);
        Assert.Equal(TimeSpan.FromDays(3), wait.Timeout);
        Assert.Equal(("tag-engaged", "ab"), (wait.Next, wait.TimeoutNext));
        var hook = Assert.IsType<SendWebhookStep>(flow.FindStep("crm"));
        Assert.Equal("""{"email":"{{ contact.email }}","stage":"engaged"}""", hook.Body);
        Assert.Equal("2", hook.Headers!["x-api-version"]);
        var morning = Assert.IsType<WaitStep>(flow.FindStep("morning"));
        Assert.Equal(new LocalTimeRule(new TimeOnly(9, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
            morning.Until);
        var birthday = Assert.IsType<WaitStep>(flow.FindStep("birthday"));
        Assert.Equal(new TraitDateRule("birthday", -7, new TimeOnly(10, 30)), birthday.UntilDate);
        Assert.Equal(TimeSpan.Zero, birthday.Duration);
        Assert.Equal<RandomPath>([new RandomPath("coupon", 1, "code"), new RandomPath("control", 3, "morning")],
            Assert.IsType<RandomSplitStep>(flow.FindStep("ab")).Paths);
        Assert.Equal("2", Assert.IsType<SetAttributeStep>(flow.FindStep("stage")).Value.GetRawText());
        Assert.Equal(new FlowGoal(new EventMatch("Order Completed", [new PropertyFilter("currency", ["EUR", "USD"])])), Assert.Single(flow.Goals));
    }

    [Fact]
    public void Parse_NewStepProblems_ReportsEachWithItsPath()
    {
        const string json = """
            {"id":"f","name":"F","trigger":{"events":["Signed Up"]},
             "steps":[
              {"id":"a","type":"waitForEvent","event":"Email Opened","fromStep":"c","timeout":"soon","next":"b","timeoutNext":null},
              {"id":"b","type":"randomSplit","paths":[{"name":"x","weight":0,"next":"c"}]},
              {"id":"c","type":"wait","until":{"time":"9am","days":["mon","someday"]},"untilDate":{"trait":"birthday","offset":"1h"}},
              {"id":"d","type":"sendWebhook","url":"ftp://example.com","body":42,"headers":{"Content-Type":"text/plain"}},
              {"id":"e","type":"setAttribute","trait":"email_consent","value":true},
              {"id":"f","type":"notify","to":"not an address","subject":"s","html":"h"},
              {"id":"g","type":"split","branches":[{"condition":{"type":"eventOccurred","event":"X","since":"flowStart"},"next":"a","colour":"red"}]}
             ]}
            """;

        FlowParseResult parsed = FlowParser.Parse(json);

        Assert.Null(parsed.Flow);
        Assert.Equal(
            [
                new FlowError("steps[0].timeout", "must be a duration in whole seconds: ISO-8601 (\"PT24H\", \"P1D\") or short (\"24h\", \"30m\", \"5s\", \"2d\")"),
                new FlowError("steps[1].paths", "must have at least two paths"),
                new FlowError("steps[1].paths[0].weight", "must be a whole number from 1 to 10000 (shares are weight / total)"),
                new FlowError("steps[2].until.time", "must be a local time \"HH:mm\" (24-hour, e.g. \"09:00\")"),
                new FlowError("steps[2].until.days", "must list distinct weekdays, each one of: sun, mon, tue, wed, thu, fri, sat"),
                new FlowError("steps[2].untilDate.offset", "must be whole days before (\"-7d\") or after (\"3d\") the date"),
                new FlowError("steps[2].untilDate", "cannot be combined with \"until\": a date trait already says when"),
                new FlowError("steps[3].url", "must be an absolute http or https URL"),
                new FlowError("steps[3].body", "must be a JSON object or a Liquid template string"),
                new FlowError("steps[3].headers.Content-Type", "is not a header a webhook step may set"),
                new FlowError("steps[4].trait", "'email_consent' is an address or a consent trait, which a flow cannot set"),
                new FlowError("steps[5].to", "must be an email address (the team's)"),
                new FlowError("steps[6].branches[0].colour", "unknown property"),
            ],
            parsed.Errors.Where(e => !e.Path.StartsWith("steps[6].else", StringComparison.Ordinal) && !e.Problem.Contains("reach", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parse_FromStepNotASendStep_IsRefused()
    {
        const string json = """
            {"id":"f","name":"F","trigger":{"events":["Signed Up"]},
             "steps":[{"id":"w","type":"wait","duration":"1h","next":"a"},
                      {"id":"a","type":"waitForEvent","event":"Email Opened","fromStep":"w","timeout":"1d","next":null,"timeoutNext":null}]}
            """;

        Assert.Equal([new FlowError("steps[1].fromStep", "must name a sendEmail step (the message whose opens and clicks to wait for); 'w' is a wait step")],
            FlowParser.Parse(json).Errors);
    }
}
