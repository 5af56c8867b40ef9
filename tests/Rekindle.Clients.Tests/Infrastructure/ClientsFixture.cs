using System.Text.Json;
using Rekindle.Testing.Server;

namespace Rekindle.Clients.Tests.Infrastructure;

/// <summary>
/// One real Rekindle server (SQLite in a temp folder) and one shop page for the client tests, which run
/// one after another. The server allows CORS for the shop page's origin only, as a shop would configure it.
/// </summary>
public sealed class ClientsFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rekindle-clients-" + Guid.NewGuid().ToString("N"));
    private RekindleServerProcess? _server;

    public PageHost Page { get; } = new();

    public RekindleServerProcess Server => _server ?? throw new InvalidOperationException("the server has not been started");

    public string ServerUrl => $"http://127.0.0.1:{Server.Port}";

    public async Task InitializeAsync()
    {
        await ClientPackages.EnsureInstalledAsync();
        Directory.CreateDirectory(_folder);
        _server = new RekindleServerProcess(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["DataDirectory"] = _folder,
            ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_folder, "rekindle.db")}",
            ["Ingestion__AllowedOrigins"] = Page.Origin,
        });
        await _server.StartAsync();
    }

    /// <summary>
    /// The events stored on the contact with <paramref name="userId"/>, in storage order, once the engine has
    /// applied everything stored so far.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> StoredEventsAsync(string userId)
    {
        await Server.WaitUntilAppliedAsync();
        var contact = await Server.AdminJsonAsync($"/api/contacts?userId={Uri.EscapeDataString(userId)}");
        var id = contact.GetProperty("profile").GetProperty("id").GetString();
        var events = (await Server.AdminJsonAsync($"/api/contacts/{id}/events")).GetProperty("events");
        return events.EnumerateArray().OrderBy(e => e.GetProperty("seq").GetInt64()).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Page.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClientsCollection : ICollectionFixture<ClientsFixture>
{
    public const string Name = "real clients";
}
