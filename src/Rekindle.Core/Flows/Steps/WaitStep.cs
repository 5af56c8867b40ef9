using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Flows.Time;

namespace Rekindle.Core.Flows;

/// <summary>
/// Waits, then continues at <paramref name="Next"/> (null: the flow completes). The wait ends after
/// <paramref name="Duration"/>, then (when set) at the next <see cref="Until"/> local time, or at the date a trait holds
/// (<see cref="UntilDate"/>), then (when set) at the contact's best send time within <see cref="SendTimeWindow.Within"/>.
/// </summary>
/// <param name="Duration">Zero when the wait is only "until".</param>
/// <param name="BestTime">"A day after the cart, at the hour this shopper usually reads."</param>
public sealed record WaitStep(string Id, string? Next, TimeSpan Duration, SendTimeWindow? BestTime = null) : FlowStep(Id)
{
    public static StepType Type { get; } = new("wait", pauses: true, Read);

    /// <summary>The longest stretch a wait may take to reach the best hour: a week holds every hour of the week.</summary>
    public static readonly TimeSpan MaxBestTimeWithin = TimeSpan.FromDays(7);

    /// <summary>A local time of day (and optionally weekdays) in the contact's time zone: "the next Monday at 09:00".</summary>
    public LocalTimeRule? Until { get; init; }

    /// <summary>A date held in a trait, shifted by an offset: "7 days before subscription_end, at 09:00".</summary>
    public TraitDateRule? UntilDate { get; init; }

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override StepOutcome Execute(StepContext context)
    {
        DateTimeOffset wakeAt = context.Now + Duration;
        if (Until is { } until)
        {
            // Strictly after now: "until 09:00" reached at 09:00 sharp (a loop back to this wait) waits for the next one,
            // so a wait always pauses and a cycle through it cannot spin.
            wakeAt = LocalTimes.NextAt(Duration > TimeSpan.Zero ? wakeAt : wakeAt.AddTicks(1), until.Time, until.Days, context.Input.TimeZone);
        }

        if (UntilDate is { } rule)
        {
            if (rule.TargetIn(context.Profile, context.Now, context.Input.TimeZone) is not { } target)
            {
                return StepOutcome.Exit(FlowExitReasons.NoDate);
            }

            if (target > wakeAt)
            {
                wakeAt = target;
            }
        }

        // A date already behind us (a subscription that ended) is no reason to wait; a best-time window still is.
        return wakeAt <= context.Now && BestTime is null ? StepOutcome.Next(Next) : StepOutcome.Pause(wakeAt, BestTime);
    }

    public override StepOutcome OnWake(StepContext context) => StepOutcome.Next(Next);

    public override void WriteFields(Utf8JsonWriter w)
    {
        if (Duration > TimeSpan.Zero)
        {
            w.WriteString("duration", FlowDuration.Format(Duration));
        }

        if (Until is { } until)
        {
            w.WriteStartObject("until");
            w.WriteString("time", until.Time.ToString("HH:mm", CultureInfo.InvariantCulture));
            if (until.Days.Length > 0)
            {
                w.WriteStartArray("days");
                foreach (DayOfWeek day in until.Days)
                {
                    w.WriteStringValue(LocalTimeRule.DayName(day));
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        if (UntilDate is { } date)
        {
            w.WriteStartObject("untilDate");
            w.WriteString("trait", date.Trait);
            if (date.OffsetDays != 0)
            {
                w.WriteString("offset", $"{date.OffsetDays.ToString(CultureInfo.InvariantCulture)}d");
            }

            w.WriteString("time", date.Time.ToString("HH:mm", CultureInfo.InvariantCulture));
            if (date.Yearly)
            {
                w.WriteBoolean("yearly", true);
            }

            w.WriteEndObject();
        }

        if (BestTime is { } best)
        {
            w.WriteString("bestTimeWithin", FlowDuration.Format(best.Within));
            w.WriteString("channel", best.Channel);
        }

        if (Next is not null)
        {
            w.WriteString("next", Next);
        }
    }

    private static WaitStep? Read(StepReader r)
    {
        string? next = r.Link("next");
        bool hasDuration = r.Get("duration").ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        TimeSpan? duration = r.Duration("duration", required: false);
        LocalTimeRule? until = LocalTimeRule.Read(r, "until");
        TraitDateRule? untilDate = TraitDateRule.Read(r, "untilDate");
        bool hasUntil = r.Get("until").ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        bool hasUntilDate = r.Get("untilDate").ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (!hasDuration && !hasUntil && !hasUntilDate)
        {
            r.Error("duration", "is required (or \"until\" a local time, or \"untilDate\" a date trait)");
        }

        if (hasUntil && hasUntilDate)
        {
            r.Error("untilDate", "cannot be combined with \"until\": a date trait already says when");
        }

        SendTimeWindow? bestTime = ReadBestTime(r);
        return r.Valid ? new WaitStep(r.Id!, next, duration ?? TimeSpan.Zero, bestTime) { Until = until, UntilDate = untilDate } : null;
    }

    private static SendTimeWindow? ReadBestTime(StepReader r)
    {
        bool hasWindow = r.Get("bestTimeWithin").ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        string? channel = r.OptionalString("channel");
        if (!hasWindow)
        {
            if (channel is not null)
            {
                r.Error("channel", "is only for a wait with \"bestTimeWithin\"");
            }

            return null;
        }

        TimeSpan? within = r.Duration("bestTimeWithin");
        if (within > MaxBestTimeWithin)
        {
            r.Error("bestTimeWithin", "must be at most 7 days (a week holds every hour of the week)");
            within = null;
        }

        if (channel is not null && !FlowJsonNames.Channels.Contains(channel))
        {
            r.Error("channel", $"must be {FlowJsonNames.OneOf(FlowJsonNames.Channels)}");
            return null;
        }

        return within is null ? null : new SendTimeWindow(within.Value, channel ?? "email");
    }
}

/// <summary>A time of day in the contact's zone, on any day or only on some weekdays.</summary>
public sealed record LocalTimeRule(TimeOnly Time, ImmutableArray<DayOfWeek> Days)
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public bool Equals(LocalTimeRule? other) => other is not null && Time == other.Time && Days.AsSpan().SequenceEqual(other.Days.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Time, Days.Length);

    public static string DayName(DayOfWeek day) => DayNames[(int)day];

    /// <summary>"HH:mm", 24-hour.</summary>
    internal static TimeOnly? ReadTime(JsonObjectReader r, string name, TimeOnly? fallback)
    {
        JsonElement value = r.Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (fallback is null)
            {
                r.Error(name, "is required");
            }

            return fallback;
        }

        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            return time;
        }

        r.Error(name, "must be a local time \"HH:mm\" (24-hour, e.g. \"09:00\")");
        return null;
    }

    internal static LocalTimeRule? Read(StepReader step, string name)
    {
        JsonObjectReader? r = step.Object(name);
        if (r is null)
        {
            return null;
        }

        TimeOnly? time = ReadTime(r, "time", null);
        var days = ImmutableArray.CreateBuilder<DayOfWeek>();
        bool valid = time is not null;
        JsonElement list = r.Get("days");
        if (list.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                r.Error("days", "must be a non-empty list of weekdays (\"mon\" … \"sun\")");
                valid = false;
            }
            else
            {
                foreach (JsonElement day in list.EnumerateArray())
                {
                    int index = day.ValueKind == JsonValueKind.String ? Array.IndexOf(DayNames, day.GetString()) : -1;
                    if (index < 0 || days.Contains((DayOfWeek)index))
                    {
                        r.Error("days", $"must list distinct weekdays, each {FlowJsonNames.OneOf(DayNames)}");
                        valid = false;
                        break;
                    }

                    days.Add((DayOfWeek)index);
                }
            }
        }

        r.RejectUnknown();
        days.Sort();
        return valid ? new LocalTimeRule(time!.Value, days.ToImmutable()) : null;
    }
}

/// <summary>
/// The date a trait holds (<see cref="TraitDate"/>: "YYYY-MM-DD", "--MM-DD", or an ISO date-time whose date part counts),
/// shifted by whole days, at a local time.
/// </summary>
/// <param name="Yearly">
/// The date recurs (a birthday, an anniversary): the wait ends at its next occurrence. A year-less "--MM-DD" always
/// recurs. Otherwise (a subscription's end) the date is taken as written, and one already past ends the wait at once.
/// </param>
public sealed record TraitDateRule(string Trait, int OffsetDays, TimeOnly Time, bool Yearly = false)
{
    /// <summary>The time of day a date wait ends at when the flow does not say.</summary>
    public static readonly TimeOnly DefaultTime = new(9, 0);

    /// <summary>When the wait ends for this contact, or null when the trait holds no date.</summary>
    public DateTimeOffset? TargetIn(Contacts.ContactProfile profile, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (!profile.Traits.TryGetValue(Trait, out JsonElement value) || TraitDate.Read(value) is not { } date)
        {
            return null;
        }

        if (!Yearly && date.Year is { } year)
        {
            return LocalTimes.At(date.In(year).AddDays(OffsetDays), Time, zone);
        }

        // The next occurrence: this year's unless it has passed (offset and time included), else next year's.
        int thisYear = LocalTimes.DateIn(now, zone).Year;
        DateTimeOffset candidate = LocalTimes.At(date.In(thisYear).AddDays(OffsetDays), Time, zone);
        return candidate > now ? candidate : LocalTimes.At(date.In(thisYear + 1).AddDays(OffsetDays), Time, zone);
    }

    internal static TraitDateRule? Read(StepReader step, string name)
    {
        JsonObjectReader? r = step.Object(name);
        if (r is null)
        {
            return null;
        }

        string? trait = r.RequiredString("trait");
        int offset = 0;
        bool valid = trait is not null;
        string? offsetText = r.OptionalString("offset");
        if (offsetText is not null)
        {
            bool negative = offsetText.StartsWith('-');
            if (FlowDuration.TryParse(negative ? offsetText[1..] : offsetText.TrimStart('+'), out TimeSpan span)
                && span.Ticks % TimeSpan.TicksPerDay == 0 && span <= FlowDuration.Max)
            {
                offset = (int)span.TotalDays * (negative ? -1 : 1);
            }
            else
            {
                r.Error("offset", "must be whole days before (\"-7d\") or after (\"3d\") the date");
                valid = false;
            }
        }

        TimeOnly? time = LocalTimeRule.ReadTime(r, "time", DefaultTime);
        bool? yearly = r.OptionalBool("yearly", false);
        r.RejectUnknown();
        return valid && time is not null && yearly is not null ? new TraitDateRule(trait!, offset, time.Value, yearly.Value) : null;
    }
}
