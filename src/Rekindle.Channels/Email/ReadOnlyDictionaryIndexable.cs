using Fluid;
using Fluid.Values;

namespace Rekindle.Channels.Email;

/// <summary>Lets Liquid read members of models that are only <see cref="IReadOnlyDictionary{TKey,TValue}"/>.</summary>
internal sealed class ReadOnlyDictionaryIndexable(
    IReadOnlyDictionary<string, object?> dictionary,
    TemplateOptions options) : IFluidIndexable
{
    public int Count => dictionary.Count;

    public IEnumerable<string> Keys => dictionary.Keys;

    public bool TryGetValue(string name, out FluidValue value)
    {
        if (dictionary.TryGetValue(name, out var raw))
        {
            value = FluidValue.Create(raw, options);
            return true;
        }

        value = NilValue.Instance;
        return false;
    }
}
