using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows.Time;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// Starts a flow <see cref="OffsetDays"/> days before (negative) or after (positive) the date held in a trait, at
/// <see cref="At"/> on the wall clock of the contact's time zone (<see cref="ContactTimeZone"/>). Yearly for
/// birthdays and anniversaries (the date's year, if any, is ignored; 29 February falls on 28 February in other years),
/// once for a subscription end (the date needs a year then, or the next occurrence of a year-less one counts).
/// A trait that does not hold a date (<see cref="TraitDate"/>) arms nothing.
/// </summary>
/// <remarks>
/// One timer per (contact, flow): armed when the trait (or the <c>timezone</c> trait) changes, re-armed for next year
/// after firing when yearly. A change of the trait moves the timer (delete and insert in one commit).
/// </remarks>
/// <example><code>{"type": "dateTrait", "trait": "birthday", "offsetDays": -3, "at": "09:00", "repeat": "yearly"}</code></example>
public sealed record DateTraitTrigger(string Trait, int OffsetDays, TimeOnly At, bool Yearly) : TimedTrigger
{
    public const string JsonType = "dateTrait";

    public const int MaxOffsetDays = 365;

    public override string Type => JsonType;

    /// <summary>The first moment strictly after <paramref name="after"/> the trigger falls on; null when none.</summary>
    public DateTimeOffset? Next(ContactProfile profile, DateTimeOffset after, TimeZoneInfo defaultZone)
    {
        if (!profile.Traits.TryGetValue(Trait, out JsonElement value) || TraitDate.Read(value) is not { } date)
        {
            return null;
        }

        TimeZoneInfo zone = ContactTimeZone.Resolve(profile, defaultZone);
        if (!Yearly && date.Year is { } year)
        {
            DateTimeOffset once = LocalTimes.At(date.In(year).AddDays(OffsetDays), At, zone);
            return once > after ? once : null;
        }

        // The offset may carry the day into the previous or next year; three candidate years cover it.
        int thisYear = LocalTimes.DateIn(after, zone).Year;
        for (int y = thisYear - 1; y <= thisYear + 2; y++)
        {
            DateTimeOffset candidate = LocalTimes.At(date.In(y).AddDays(OffsetDays), At, zone);
            if (candidate > after)
            {
                return candidate;
            }
        }

        return null;
    }

    public override TimerPlan OnApplied(ContactProfile before, ContactProfile after, DateTimeOffset? armedAt, TriggerClock clock)
    {
        // Only identify calls touch traits; every other event keeps the same dictionary, and costs one comparison here.
        if (ReferenceEquals(before.Traits, after.Traits)
            || (SameTrait(before, after, Trait) && SameTrait(before, after, ContactTimeZone.Trait)))
        {
            return TimerPlan.Keep;
        }

        DateTimeOffset? next = Next(after, clock.Now, clock.DefaultZone);
        return next == armedAt ? TimerPlan.Keep : new TimerPlan(true, next);
    }

    public override DateTimeOffset? ArmFor(ContactProfile profile, TriggerClock clock) => Next(profile, clock.Now, clock.DefaultZone);

    public override TimerFired OnTimer(string timerId, DateTimeOffset dueAt, ContactProfile profile, TriggerClock clock)
    {
        // Still the occurrence this timer was armed for? (A change of the trait re-arms, so this is the rule, but a timer
        // carried over from a merged contact, or an edited flow, may be stale.)
        if (Next(profile, dueAt.AddTicks(-1), clock.DefaultZone) != dueAt)
        {
            return new(null, Next(profile, clock.Now, clock.DefaultZone));
        }

        var start = TriggerEvents.Synthesise(timerId, TriggerEvents.DateReached, dueAt, w =>
        {
            w.WriteString("trait", Trait);
            TriggerEvents.WriteValue(w, "date", profile.Traits[Trait]);
            w.WriteNumber("offsetDays", OffsetDays);
        }, profile.UserId);

        // Late (the server was down): the next one is after now, never a backlog of past years.
        DateTimeOffset? rearm = Yearly ? Next(profile, dueAt > clock.Now ? dueAt : clock.Now, clock.DefaultZone) : null;
        return new(start, rearm);
    }

    internal static FlowTrigger? Read(JsonObjectReader trigger, List<FlowError> errors)
    {
        string? trait = trigger.RequiredString("trait");
        int? offset = ReadOffset(trigger);
        TimeOnly? at = ReadAt(trigger);
        bool? yearly = ReadRepeat(trigger);
        return trait is null || offset is null || at is null || yearly is null
            ? null
            : new DateTraitTrigger(trait, offset.Value, at.Value, yearly.Value);
    }

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("trait", Trait);
        if (OffsetDays != 0)
        {
            w.WriteNumber("offsetDays", OffsetDays);
        }

        w.WriteString("at", At.ToString("HH:mm", CultureInfo.InvariantCulture));
        w.WriteString("repeat", Yearly ? "yearly" : "once");
    }

    private static bool SameTrait(ContactProfile a, ContactProfile b, string trait) =>
        (a.Traits.TryGetValue(trait, out JsonElement x), b.Traits.TryGetValue(trait, out JsonElement y)) switch
        {
            (false, false) => true,
            (true, true) => x.GetRawText() == y.GetRawText(),
            _ => false,
        };

    private static int? ReadOffset(JsonObjectReader trigger)
    {
        JsonElement value = trigger.Get("offsetDays");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int days) && Math.Abs(days) <= MaxOffsetDays)
        {
            return days;
        }

        trigger.Error("offsetDays", $"must be a whole number of days from -{MaxOffsetDays} (before the date) to {MaxOffsetDays} (after)");
        return null;
    }

    /// <summary>"at": a 24-hour wall-clock time "HH:mm"; 09:00 when absent.</summary>
    private static TimeOnly? ReadAt(JsonObjectReader trigger)
    {
        JsonElement value = trigger.Get("at");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new TimeOnly(9, 0);
        }

        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly at))
        {
            return at;
        }

        trigger.Error("at", "must be a time of day \"HH:mm\" (24-hour), such as \"09:00\"");
        return null;
    }

    /// <summary>"repeat": "yearly" or "once" (the default: a forgotten "repeat" never mails a contact every year).</summary>
    private static bool? ReadRepeat(JsonObjectReader trigger)
    {
        JsonElement value = trigger.Get("repeat");
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return false;
            case JsonValueKind.String when text is "yearly" or "once":
                return text == "yearly";
            default:
                trigger.Error("repeat", "must be one of: yearly, once");
                return null;
        }
    }
}
