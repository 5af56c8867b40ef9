using System.Collections.Frozen;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// The composers and transports by channel name, as the areas registered them (<c>AddEmailChannel</c>,
/// <c>AddWebhookChannel</c>). A channel needs both halves; a second registration of a name is a wiring mistake.
/// </summary>
public sealed class MessageChannelRegistry
{
    private readonly FrozenDictionary<string, IMessageComposer> _composers;
    private readonly FrozenDictionary<string, IMessageTransport> _transports;

    public MessageChannelRegistry(IEnumerable<IMessageComposer> composers, IEnumerable<IMessageTransport> transports)
    {
        _composers = ByChannel(composers, c => c.Channel, "composer");
        _transports = ByChannel(transports, t => t.Channel, "transport");
        var halves = _composers.Keys.ToHashSet(StringComparer.Ordinal);
        halves.SymmetricExceptWith(_transports.Keys);
        if (halves.Count > 0)
        {
            throw new InvalidOperationException(
                $"channel(s) {string.Join(", ", halves.Order(StringComparer.Ordinal))} need both a composer and a transport");
        }
    }

    public IReadOnlyCollection<string> Channels => _composers.Keys;

    public IMessageComposer? Composer(string channel) => _composers.GetValueOrDefault(channel);

    public IMessageTransport? Transport(string channel) => _transports.GetValueOrDefault(channel);

    private static FrozenDictionary<string, T> ByChannel<T>(IEnumerable<T> items, Func<T, string> channel, string what)
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!byName.TryAdd(channel(item), item))
            {
                throw new InvalidOperationException($"channel '{channel(item)}' has a second {what} ({item!.GetType().Name})");
            }
        }

        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
