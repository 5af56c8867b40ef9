using System.Security.Cryptography;
using Rekindle.Core.Tracking;
using Rekindle.Storage.Settings;

namespace Rekindle.Engine.Tracking;

/// <summary>
/// The signing key of tracking URLs and, when Tracking:BaseUrl is set, the tracker that rewrites outgoing HTML.
/// The key is generated once (256 random bits) and kept in the settings table, so every node of a cluster and
/// every restart signs and checks with the same one. It is loaded even when tracking is off, so links in mails
/// sent while it was on keep working; it is never logged or shown.
/// </summary>
public sealed class EmailTracking(TrackingOptions options, SettingsStore settings)
{
    public const string KeySetting = "tracking_signing_key";

    private TrackingTokens? _tokens;
    private EmailTracker? _tracker;

    /// <summary>Loads the key, generating and storing it on first start; safe to call more than once.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        if (_tokens is not null)
        {
            return;
        }

        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TrackingTokens.MinKeyBytes));
        // Whichever node stored its key first wins; the others read that one.
        var stored = await settings.GetAsync(KeySetting, ct) ?? await settings.GetOrAddAsync(KeySetting, generated, ct);
        var tokens = new TrackingTokens(Convert.FromBase64String(stored));
        _tracker = options.IsEnabled ? new EmailTracker(options.BaseUrl!, tokens) : null;
        _tokens = tokens;
    }

    public bool IsEnabled => options.IsEnabled;

    /// <summary>Reads the tokens of incoming tracking URLs.</summary>
    public TrackingTokens Tokens => _tokens ?? throw NotInitialized();

    /// <summary>Rewrites outgoing HTML; null when Tracking:BaseUrl is not set.</summary>
    public EmailTracker? Tracker => options.IsEnabled ? _tracker ?? throw NotInitialized() : null;

    private static InvalidOperationException NotInitialized() =>
        new("email tracking is used before its key was loaded: call EmailTracking.InitializeAsync at start-up (PrepareRekindleAsync does)");
}
