using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Flows;

/// <summary>Saving flows: every problem reported at once with its path, versions counted per save.</summary>
public sealed class FlowsApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Save_InvalidDocument_400ListingEveryProblemWithItsPath()
    {
        // A bad duration, a dangling link and a broken Liquid template, each in a different step.
        var flow = Flow("broken-flow", "Broken", duration: "soon", elseStep: "nowhere", html: "<p>{% if cart.items %}unclosed</p>");

        var response = await SaveAsync(flow);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("the flow is not valid (3 problems)", response.Json.GetProperty("error").GetString());
        var problems = response.Json.GetProperty("problems").EnumerateArray()
            .Select(p => (Field: p.GetProperty("field").GetString(), Problem: p.GetProperty("problem").GetString()!)).ToList();
        Assert.Equal(["steps[0].duration", "steps[1].else", "steps[2].html"], problems.Select(p => p.Field));
        Assert.Equal("must be a duration in whole seconds: ISO-8601 (\"PT24H\", \"P1D\") or short (\"24h\", \"30m\", \"5s\", \"2d\")", problems[0].Problem);
        Assert.Equal("unknown step 'nowhere'", problems[1].Problem);
        Assert.StartsWith("is not a valid Liquid template: ", problems[2].Problem, StringComparison.Ordinal);
        await AssertNotStoredAsync("broken-flow");
    }

    [Theory]
    [InlineData("subject", "{{ contact.first_name ")]
    [InlineData("html", "{% for item in cart.items %}<li>{{ item.name }}</li>")]
    [InlineData("text", "{% endif %}")]
    public async Task Save_OnlyATemplateBroken_400AtThatTemplatesPath(string field, string template)
    {
        var id = "template-flow-" + field;
        var flow = field switch
        {
            "subject" => Flow(id, "Template", subject: template),
            "html" => Flow(id, "Template", html: template),
            _ => Flow(id, "Template", text: template),
        };

        var response = await SaveAsync(flow);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var problem = Assert.Single(response.Json.GetProperty("problems").EnumerateArray());
        await AssertNotStoredAsync(id);
        Assert.Equal($"steps[2].{field}", problem.GetProperty("field").GetString());
        Assert.StartsWith("is not a valid Liquid template: ", problem.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "body", "is not valid JSON: unexpected character 'o' at line 1, column 2")]
    [InlineData("[]", "", "must be an object")]
    public async Task Save_NotAFlowDocument_400(string body, string field, string problemStart)
    {
        var response = await SaveAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var problem = Assert.Single(response.Json.GetProperty("problems").EnumerateArray());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith(problemStart, problem.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ValidDocument_200AndListedAsVersion1()
    {
        var flow = Flow("welcome-back", "Welcome back");

        var response = await SaveAsync(flow);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        AssertFlow(response.Json, "welcome-back", "Welcome back", 1, flow);
        Assert.Equal(0, response.Json.GetProperty("warnings").GetArrayLength());
        var listed = (await Server.AdminJsonAsync("/api/flows")).EnumerateArray().Single(f => f.GetProperty("id").GetString() == "welcome-back");
        AssertFlow(listed, "welcome-back", "Welcome back", 1, flow);
    }

    [Fact]
    public async Task Save_SameIdAgain_Version2WithTheNewDocument()
    {
        var first = Flow("cart-reminder", "Cart reminder");
        var second = Flow("cart-reminder", "Cart reminder (shorter wait)", duration: "PT2H");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(first)).Status);

        var response = await SaveAsync(second);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        AssertFlow(response.Json, "cart-reminder", "Cart reminder (shorter wait)", 2, second);
        AssertFlow(await Server.AdminJsonAsync("/api/flows/cart-reminder"), "cart-reminder", "Cart reminder (shorter wait)", 2, second);
        Assert.Single((await Server.AdminJsonAsync("/api/flows")).EnumerateArray(), f => f.GetProperty("id").GetString() == "cart-reminder");
    }

    [Fact]
    public async Task Save_MisspeltTemplateVariables_200SavedWithAWarningPerPath()
    {
        // A trait this shop's contacts carry is known; a near miss of it is a typo like any other.
        var userId = SegmentCalls.NewId("traits");
        (await SegmentCalls.PostAsync(Server, "/v1/identify", $$$"""{"userId": "{{{userId}}}", "traits": {"loyalty_tier": "gold"}}"""))
            .AssertJson(HttpStatusCode.OK, SegmentCalls.Accepted1);
        await Server.WaitUntilAppliedAsync();
        var flow = Flow("typo-flow", "Typos", subject: "{{ contact.frist_name }}, your cart",
            html: "<p>{{ contact.traits.loyalty_tier }} {{ contact.traits.loyalty_teir }}</p>{% for item in cart.items %}{{ item.nmae }}{% endfor %}",
            text: "{{ coupon.code }}");

        var response = await SaveAsync(flow);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        AssertFlow(response.Json, "typo-flow", "Typos", 1, flow);
        JsonAssert.Equal("""
            [
              {"path": "steps[2].subject", "problem": "contact.frist_name is not in the template model; did you mean contact.first_name?"},
              {"path": "steps[2].html", "problem": "contact.traits.loyalty_teir is not in the template model; did you mean contact.traits.loyalty_tier?"},
              {"path": "steps[2].html", "problem": "item.nmae is not in the template model; did you mean item.name?"},
              {"path": "steps[2].text", "problem": "coupon.code is empty here: this step names no coupon campaign (\"coupon\")"}
            ]
            """, response.Json.GetProperty("warnings").GetRawText());
        AssertFlow(await Server.AdminJsonAsync("/api/flows/typo-flow"), "typo-flow", "Typos", 1, flow);
    }

    [Fact]
    public async Task Get_UnknownFlow_404()
    {
        var response = await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, "/api/flows/no-such-flow"));

        response.AssertJson(HttpStatusCode.NotFound, """{"error":"no flow 'no-such-flow'","problems":null}""");
    }

    private Task<ApiResponse> SaveAsync(string json) => ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Post, "/api/flows", json));

    private async Task AssertNotStoredAsync(string id) =>
        Assert.Equal(HttpStatusCode.NotFound, (await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, $"/api/flows/{id}"))).Status);

    private static void AssertFlow(JsonElement view, string id, string name, int version, string definition)
    {
        Assert.Equal(id, view.GetProperty("id").GetString());
        Assert.Equal(name, view.GetProperty("name").GetString());
        Assert.Equal(version, view.GetProperty("version").GetInt32());
        Assert.True(view.GetProperty("enabled").GetBoolean());
        JsonAssert.Equal(definition, view.GetProperty("definition").GetRawText());
    }

    /// <summary>wait → condition → sendEmail; each argument can break one step.</summary>
    private static string Flow(string id, string name, string duration = "24h", string? elseStep = null,
        string subject = "{{ contact.first_name }}, your cart", string html = "<p>Hi {{ contact.first_name }}</p>", string text = "Hi") =>
        JsonSerializer.Serialize(new
        {
            id,
            name,
            trigger = new { events = new[] { "Product Added" } },
            reentry = "whileNotActive",
            steps = new object[]
            {
                new { id = "wait", type = "wait", duration, next = "check" },
                new
                {
                    id = "check", type = "condition",
                    condition = new { type = "eventNotOccurred", @event = "Order Completed", since = "flowStart" },
                    then = "email", @else = elseStep,
                },
                new { id = "email", type = "sendEmail", subject, html, text },
            },
        });
}
