using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.AbandonedCart;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Contacts;

/// <summary>Finding contacts and reading the profile the engine keeps from their events.</summary>
public sealed class ContactsApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Find_NoQuery_400()
    {
        var response = await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, "/api/contacts"));

        response.AssertJson(HttpStatusCode.BadRequest, """{"error":"give one of the query parameters email, userId or anonymousId","problems":null}""");
    }

    [Theory]
    [InlineData("email", "nobody@example.com")]
    [InlineData("userId", "no-such-user")]
    [InlineData("anonymousId", "no-such-visitor")]
    public async Task Find_UnknownIdentity_404NamingIt(string parameter, string value)
    {
        var response = await ContactQueries.FindAsync(Server, parameter, value);

        response.AssertJson(HttpStatusCode.NotFound, JsonSerializer.Serialize(new { error = $"no contact with {parameter} '{value}'", problems = (object?)null }));
    }

    [Theory]
    [InlineData("/api/contacts/c-unknown")]
    [InlineData("/api/contacts/c-unknown/events")]
    public async Task Get_UnknownContactId_404(string path)
    {
        var response = await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, path));

        response.AssertJson(HttpStatusCode.NotFound, """{"error":"no contact 'c-unknown'","problems":null}""");
    }

    [Fact]
    public async Task Profile_AfterProductAddedAndOrderCompleted_OrderCountedRevenueAddedCartCleared()
    {
        var anonymousId = NewId("buyer");
        var email = anonymousId + "@example.com";
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-1), TimeSpan.Zero).AddHours(10);
        var added = start.AddMinutes(2);
        var ordered = start.AddMinutes(9);

        await AcceptAsync("/v1/identify", ShopperScript.Identify(anonymousId, email, "Grace", start));
        await AcceptAsync("/v1/track", JsonSerializer.Serialize(new
        {
            anonymousId, messageId = anonymousId + "-added", @event = "Product Added", timestamp = added, properties = ShopperScript.Shoe,
        }));
        var contactId = await ContactQueries.WaitForContactAsync(Server, "email", email);
        await ContactQueries.WaitForEventAsync(Server, contactId, anonymousId + "-added");
        var beforeOrder = (await Server.AdminJsonAsync($"/api/contacts/{contactId}")).GetProperty("profile");
        await AcceptAsync("/v1/track", ShopperScript.OrderCompleted(anonymousId, ordered));
        JsonElement profile = default;
        await Server.WaitUntilAsync(async () =>
        {
            profile = (await Server.AdminJsonAsync($"/api/contacts/{contactId}")).GetProperty("profile");
            return profile.GetProperty("orders").GetInt32() == 1;
        }, "the order to be applied");

        Assert.Equal(1, beforeOrder.GetProperty("cart").GetArrayLength());
        Assert.Equal(contactId, profile.GetProperty("id").GetString());
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal(1, profile.GetProperty("orders").GetInt32());
        Assert.Equal(89.95m, profile.GetProperty("revenue").GetDecimal());
        Assert.Equal("EUR", profile.GetProperty("currency").GetString());
        Assert.Equal(0, profile.GetProperty("cart").GetArrayLength());
        Assert.Equal(ordered, profile.GetProperty("firstOrderAt").GetDateTimeOffset());
        Assert.Equal(ordered, profile.GetProperty("lastOrderAt").GetDateTimeOffset());
        var lastEventAt = profile.GetProperty("lastEventAt").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDateTimeOffset());
        Assert.Equal(new Dictionary<string, DateTimeOffset> { ["Product Added"] = added, ["Order Completed"] = ordered }, lastEventAt);
        Assert.Equal("Grace", profile.GetProperty("traits").GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task Find_ByEachIdentity_SameContactWithItsIdentities()
    {
        var anonymousId = NewId("ids");
        var userId = anonymousId + "-user";
        var email = anonymousId + "@Example.com";
        await AcceptAsync("/v1/identify", JsonSerializer.Serialize(new { anonymousId, userId, traits = new { email } }));
        var contactId = await ContactQueries.WaitForContactAsync(Server, "userId", userId);

        var byEmail = await ContactQueries.FindAsync(Server, "email", email.ToUpperInvariant());
        var byAnonymousId = await ContactQueries.FindAsync(Server, "anonymousId", anonymousId);
        var byId = await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, $"/api/contacts/{contactId}"));

        // Email addresses are matched without regard to case; the other identities exactly.
        foreach (var found in new[] { byEmail, byAnonymousId, byId })
        {
            Assert.Equal(HttpStatusCode.OK, found.Status);
            Assert.Equal(contactId, found.Json.GetProperty("profile").GetProperty("id").GetString());
        }

        var identities = byId.Json.GetProperty("identities").EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("value").GetString())).OrderBy(i => i.Item1).ToList();
        Assert.Equal([("anonymous_id", anonymousId), ("email", email.ToLowerInvariant()), ("user_id", userId)], identities);
    }

    private async Task AcceptAsync(string path, string json) =>
        (await PostAsync(Server, path, json)).AssertJson(HttpStatusCode.OK, Accepted1);
}
