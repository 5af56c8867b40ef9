using System.Net;
using System.Text.Json;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Infrastructure;

/// <summary>
/// What the contacts API shows. The engine applies stored events asynchronously and in storage order,
/// so once a later event is visible every earlier stored one is too: tests send a "barrier" event after
/// the requests under test and wait for it instead of sleeping.
/// </summary>
public static class ContactQueries
{
    /// <summary>GET /api/contacts?{kind}={value}: 200 with the contact, or 404.</summary>
    public static Task<ApiResponse> FindAsync(RekindleServerProcess server, string kind, string value) =>
        ApiResponse.ReadAsync(server.AdminAsync(HttpMethod.Get, $"/api/contacts?{kind}={Uri.EscapeDataString(value)}"));

    /// <summary>Waits until the engine has made a contact for the identity; returns the contact's id.</summary>
    public static async Task<string> WaitForContactAsync(RekindleServerProcess server, string kind, string value)
    {
        string? id = null;
        await server.WaitUntilAsync(async () =>
        {
            var found = await FindAsync(server, kind, value);
            id = found.Status == HttpStatusCode.OK ? found.Json.GetProperty("profile").GetProperty("id").GetString() : null;
            return id is not null;
        }, $"a contact with {kind} '{value}'");
        return id!;
    }

    /// <summary>The contact's timeline (newest first).</summary>
    public static async Task<JsonElement> TimelineAsync(RekindleServerProcess server, string contactId) =>
        (await server.AdminJsonAsync($"/api/contacts/{contactId}/events")).GetProperty("events");

    /// <summary>Waits until the contact's timeline holds the message; returns the whole timeline.</summary>
    public static async Task<JsonElement> WaitForEventAsync(RekindleServerProcess server, string contactId, string messageId)
    {
        JsonElement timeline = default;
        await server.WaitUntilAsync(async () =>
        {
            timeline = await TimelineAsync(server, contactId);
            return MessageIds(timeline).Contains(messageId);
        }, $"message '{messageId}' in the timeline of contact {contactId}");
        return timeline;
    }

    public static string[] MessageIds(JsonElement timeline) =>
        timeline.EnumerateArray().Select(e => e.GetProperty("messageId").GetString()!).ToArray();
}
