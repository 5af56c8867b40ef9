using System.Security.Cryptography;
using System.Text;
using Rekindle.Storage.Settings;

namespace Rekindle.Server.Features.Security;

/// <summary>
/// The write keys accepted by the ingestion API and the admin API key. Configured keys come from
/// Ingestion:WriteKeys and Admin:ApiKey; when none is configured, one is generated on first start,
/// printed once to the console, and only its SHA-256 is stored — so the key never sits in the
/// database, a log or a response.
/// </summary>
public sealed class KeyRegistry(IConfiguration config, SettingsStore settings)
{
    private readonly HashSet<string> _writeKeyHashes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _adminKeyHashes = new(StringComparer.Ordinal);

    public async Task InitializeAsync(CancellationToken ct)
    {
        foreach (var key in config.GetSection("Ingestion:WriteKeys").Get<string[]>() ?? [])
        {
            if (!string.IsNullOrWhiteSpace(key))
            {
                _writeKeyHashes.Add(Hash(key));
            }
        }

        if (_writeKeyHashes.Count == 0)
        {
            _writeKeyHashes.Add(await GeneratedAsync("write_key_sha256", "wk_", "Ingestion write key (HTTP Basic user name for /v1)", ct));
        }

        var admin = config["Admin:ApiKey"];
        _adminKeyHashes.Add(string.IsNullOrWhiteSpace(admin)
            ? await GeneratedAsync("admin_key_sha256", "ak_", "Admin API key (Authorization: Bearer for /api)", ct)
            : Hash(admin));
    }

    public bool IsWriteKey(string? key) => key is not null && _writeKeyHashes.Contains(Hash(key));

    public bool IsAdminKey(string? key) => key is not null && _adminKeyHashes.Contains(Hash(key));

    private async Task<string> GeneratedAsync(string setting, string prefix, string label, CancellationToken ct)
    {
        var existing = await settings.GetAsync(setting, ct);
        if (existing is not null)
        {
            return existing;
        }

        var key = prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var stored = await settings.GetOrAddAsync(setting, Hash(key), ct);
        if (stored == Hash(key))
        {
            // Printed once, to the console only (not the log pipeline): it cannot be recovered later.
            Console.WriteLine($"{label}: {key}  (shown once; keep it safe)");
        }

        return stored;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
