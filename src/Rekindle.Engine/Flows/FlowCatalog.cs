using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Rekindle.Core.Flows;
using Rekindle.Storage.Flows;

namespace Rekindle.Engine.Flows;

/// <summary>A flow the engine runs: its definition and the stored version it came from.</summary>
public sealed record ActiveFlow(FlowDefinition Definition, int Version);

/// <summary>
/// The enabled flows, parsed once and shared by every contact grain. Reloaded when this node saves a
/// flow, and by <see cref="RefreshAsync"/> when the table changed elsewhere (another node).
/// </summary>
public sealed class FlowCatalog(FlowStore store, FlowOptions options, ILogger<FlowCatalog> logger)
{
    /// <summary>The time zone of contacts without a usable <c>timezone</c> trait (<see cref="FlowOptions"/>).</summary>
    public TimeZoneInfo DefaultTimeZone => options.DefaultTimeZone;

    private ImmutableArray<ActiveFlow> _flows = [];
    private string _version = "";

    public ImmutableArray<ActiveFlow> Flows => _flows;

    /// <summary>What the enabled flows' conditions need loaded before a run (history, scores); nothing when none asks.</summary>
    public FlowNeeds Needs { get; private set; } = FlowNeeds.None;

    /// <summary>Set whenever the set of flows was reloaded (the trigger backfill looks for new timed triggers).</summary>
    public Common.Wakeup Reloaded { get; } = new();

    public ActiveFlow? Find(string flowId)
    {
        foreach (var f in _flows)
        {
            if (f.Definition.Id == flowId)
            {
                return f;
            }
        }

        return null;
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        var version = await store.FlowsVersionAsync(ct);
        if (version == _version)
        {
            return;
        }

        var loaded = ImmutableArray.CreateBuilder<ActiveFlow>();
        foreach (var stored in await store.ListFlowsAsync(ct))
        {
            if (!stored.Enabled)
            {
                continue;
            }

            var parsed = FlowParser.Parse(stored.Definition);
            if (parsed.Flow is null)
            {
                // Saved flows were validated on the way in; a flow that no longer parses (older format)
                // is skipped loudly rather than stopping every other flow.
                logger.LogError("Flow {FlowId} v{Version} does not parse and is skipped: {Errors}",
                    stored.Id, stored.Version, string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Problem}")));
                continue;
            }

            loaded.Add(new ActiveFlow(parsed.Flow, stored.Version));
        }

        _flows = loaded.ToImmutable();
        Needs = FlowNeeds.Of(_flows.Select(f => f.Definition));
        _version = version;
        Reloaded.Set();
    }
}
