using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Parser;
using Fluid.Values;
using Rekindle.Core.Templates;

namespace Rekindle.Channels.Email;

/// <summary>
/// Renders Liquid templates (Fluid) against a model of nested dictionaries, lists and scalar leaves.
/// Thread-safe: one instance is meant to be shared by the whole process.
/// </summary>
public sealed partial class LiquidRenderer
{
    // Parsing dominates the cost of a render, and the same few templates are rendered for every contact.
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;
    private readonly int _cacheCapacity;

    // Keeps "é" readable in HTML bodies; the markup-significant characters are still escaped.
    private static readonly HtmlEncoder HtmlValueEncoder = HtmlEncoder.Create(UnicodeRanges.All);

    public LiquidRenderer(TimeProvider timeProvider, int cacheCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheCapacity, 1);
        _cacheCapacity = cacheCapacity;
        _options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            Now = timeProvider.GetUtcNow,
            // Templates are written by marketers; a runaway loop must not hold a dispatcher forever.
            MaxSteps = 1_000_000,
        };
        _options.Filters.AddFilter("money", MoneyFilter.Apply);
        // Fluid reads IDictionary models natively but treats a bare IReadOnlyDictionary as a list of pairs.
        var options = _options;
        _options.ValueConverters.Add(value => value is IReadOnlyDictionary<string, object?> dictionary and not IDictionary
            ? new DictionaryValue(new ReadOnlyDictionaryIndexable(dictionary, options))
            : null);
    }

    /// <summary>Checks that <paramref name="template"/> parses; the error names the line and column.</summary>
    public bool TryParse(string template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (_cache.ContainsKey(template))
        {
            error = null;
            return true;
        }

        if (_parser.TryParse(template, out var parsed, out var fluidError))
        {
            Remember(template, parsed);
            error = null;
            return true;
        }

        error = DescribeError(fluidError);
        return false;
    }

    /// <summary>
    /// The variable paths <paramref name="template"/> uses that <paramref name="model"/> does not have, each as a sentence
    /// ("contact.frist_name is not in the template model; did you mean contact.first_name?"); empty when all are known.
    /// </summary>
    /// <exception cref="LiquidTemplateException">The template does not parse.</exception>
    public IReadOnlyList<string> UnknownNames(string template, ObjectShape model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return GetOrParse(template) is FluidTemplate parsed ? TemplateNameChecker.Check(parsed.Statements, model) : [];
    }

    /// <summary>Renders <paramref name="template"/>; missing values render as empty strings.</summary>
    /// <exception cref="LiquidTemplateException">The template does not parse or fails while rendering.</exception>
    public string Render(string template, IReadOnlyDictionary<string, object?> model, TemplateFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        var compiled = GetOrParse(template);
        var context = new TemplateContext(_options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        TextEncoder encoder = format switch
        {
            TemplateFormat.Html => HtmlValueEncoder,
            // Values land inside a JSON string the template quotes: '"', '\' and control characters are escaped;
            // the rest (accents, '<', '&') stays as it is, which JSON allows.
            TemplateFormat.Json => JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            _ => NullEncoder.Default,
        };
        try
        {
            return compiled.Render(context, encoder);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ParseException)
        {
            throw new LiquidTemplateException($"Template failed to render: {ex.Message}", ex);
        }
    }

    private IFluidTemplate GetOrParse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (_cache.TryGetValue(template, out var cached))
        {
            return cached;
        }

        if (!_parser.TryParse(template, out var parsed, out var fluidError))
        {
            throw new LiquidTemplateException(DescribeError(fluidError));
        }

        Remember(template, parsed);
        return parsed;
    }

    private void Remember(string template, IFluidTemplate parsed)
    {
        // Edited templates leave stale entries behind; dropping everything now and then is simpler than an
        // LRU and costs only a re-parse of the templates still in use.
        if (_cache.Count >= _cacheCapacity)
        {
            _cache.Clear();
        }

        _cache.TryAdd(template, parsed);
    }

    // Fluid appends the offending source after a newline and writes positions as "(line:column)".
    private static string DescribeError(string? fluidError)
    {
        if (string.IsNullOrWhiteSpace(fluidError))
        {
            return "The template is not valid Liquid.";
        }

        var firstLine = fluidError.Split('\n', 2)[0].TrimEnd();
        return PositionPattern().Replace(firstLine, "at line $1, column $2");
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();
}
