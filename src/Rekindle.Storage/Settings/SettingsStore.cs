using Rekindle.Storage.Database;

namespace Rekindle.Storage.Settings;

/// <summary>Small named values the server keeps about itself (generated keys, installation id).</summary>
public sealed class SettingsStore(RekindleDatabase database)
{
    public async Task<string?> GetAsync(string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT value FROM settings WHERE key = @p0", key);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task SetAsync(string key, string value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "INSERT INTO settings (key, value) VALUES (@p0, @p1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stores <paramref name="value"/> unless the key exists; returns the value that is stored.</summary>
    public async Task<string> GetOrAddAsync(string key, string value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using (var insert = database.Command(connection,
            "INSERT INTO settings (key, value) VALUES (@p0, @p1) ON CONFLICT (key) DO NOTHING", key, value))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = database.Command(connection, "SELECT value FROM settings WHERE key = @p0", key);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
