using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

public sealed class ProfileReducerActivityTests
{
    [Fact]
    public void Apply_FirstPage_SetsSeenTimesOneVisitAndOnePageView()
    {
        var profile = Run(Page(T0));

        Assert.Equal(T0, profile.FirstSeenAt);
        Assert.Equal(T0, profile.LastSeenAt);
        Assert.Equal(1, profile.Visits);
        Assert.Equal(1, profile.PageViews);
    }

    [Fact]
    public void Apply_ScreenAndTrack_ScreenCountsAsPageViewTrackDoesNot()
    {
        var profile = Run(Screen(T0), Track("Signed Up", at: T0.AddMinutes(1)));

        Assert.Equal(1, profile.PageViews);
        Assert.Equal(T0.AddMinutes(1), profile.LastSeenAt);
    }

    [Fact]
    public void Apply_ActivityExactly30MinutesLater_StaysInSameVisit()
    {
        var profile = Run(Page(T0), Track("Clicked", at: T0.AddMinutes(30)));

        Assert.Equal(1, profile.Visits);
    }

    [Fact]
    public void Apply_ActivityMoreThan30MinutesAfterLastSeen_StartsNewVisit()
    {
        var profile = Run(Page(T0), Page(T0.AddMinutes(20)), Track("Clicked", at: T0.AddMinutes(50).AddSeconds(1)));

        Assert.Equal(2, profile.Visits);
        Assert.Equal(T0.AddMinutes(50).AddSeconds(1), profile.LastSeenAt);
    }

    [Fact]
    public void Apply_EventsOutOfOrder_KeepsEarliestFirstSeenAndLatestLastSeen()
    {
        var profile = Run(Page(T0.AddHours(1)), Page(T0));

        Assert.Equal(T0, profile.FirstSeenAt);
        Assert.Equal(T0.AddHours(1), profile.LastSeenAt);
        Assert.Equal(2, profile.Visits);
    }

    [Fact]
    public void Apply_LateEventInsideKnownRange_DoesNotStartVisit()
    {
        var profile = Run(Page(T0), Page(T0.AddHours(2)), Page(T0.AddHours(1)));

        Assert.Equal(2, profile.Visits);
        Assert.Equal(3, profile.PageViews);
    }

    [Fact]
    public void Apply_IdentifyAliasGroup_AreNotActivity()
    {
        var profile = Run(
            Identify("""{"name":"Ann"}""", T0),
            Alias("u1", "a1"),
            Make(MessageType.Group, T0) with { GroupId = "g1", Traits = """{"email":"sales@acme.test"}""" });

        Assert.Null(profile.FirstSeenAt);
        Assert.Null(profile.LastSeenAt);
        Assert.Equal(0, profile.Visits);
        Assert.Null(profile.Email);
    }

    [Fact]
    public void Apply_IdentifyTraits_LastWriteWinsAndNullRemovesKey()
    {
        var profile = Run(
            Identify("""{"plan":"free","age":30,"city":"Oslo"}""", T0),
            Identify("""{"plan":"pro","age":null,"vip":true}""", T0.AddMinutes(1)));

        Assert.Equal(["city", "plan", "vip"], profile.Traits.Keys);
        Assert.Equal("pro", profile.Traits["plan"].GetString());
        Assert.Equal("Oslo", profile.Traits["city"].GetString());
        Assert.True(profile.Traits["vip"].GetBoolean());
    }

    [Fact]
    public void Apply_IdentifyEmailAndPhone_StoresNormalisedForms()
    {
        var profile = Run(Identify("""{"email":"  Ann.Lee@Shop.COM ","phone":"+49 (170) 123-4567"}"""));

        Assert.Equal("ann.lee@shop.com", profile.Email);
        Assert.Equal("+491701234567", profile.Phone);
        Assert.Equal("  Ann.Lee@Shop.COM ", profile.Traits["email"].GetString());
    }

    [Fact]
    public void Apply_IdentifyWithInvalidOrNullEmail_KeepsKnownEmail()
    {
        var profile = Run(
            Identify("""{"email":"ann@shop.com"}""", T0),
            Identify("""{"email":"not-an-email"}""", T0.AddMinutes(1)),
            Identify("""{"email":null}""", T0.AddMinutes(2)));

        Assert.Equal("ann@shop.com", profile.Email);
        Assert.False(profile.Traits.ContainsKey("email"));
    }

    [Fact]
    public void Apply_IdentifyNewEmail_ReplacesEmail()
    {
        var profile = Run(Identify("""{"email":"ann@shop.com"}""", T0), Identify("""{"email":"ann@new.com"}""", T0.AddMinutes(1)));

        Assert.Equal("ann@new.com", profile.Email);
    }

    [Fact]
    public void Apply_TrackWithContextTraitsEmail_FillsMissingEmailOnly()
    {
        const string context = """{"traits":{"email":"Ann@Shop.com","phone":"0049 170 1234567"}}""";
        var filled = Run(Track("Clicked", context: context));
        var kept = Run(Identify("""{"email":"ann@other.com"}"""), Page(T0, context));

        Assert.Equal("ann@shop.com", filled.Email);
        Assert.Equal("+491701234567", filled.Phone);
        Assert.Equal("ann@other.com", kept.Email);
    }

    [Fact]
    public void Apply_MessageUserId_FillsEmptyUserIdButNeverReplacesIt()
    {
        var profile = Run(
            Make(MessageType.Page, T0) with { UserId = " u1 " },
            Identify("{}", T0.AddMinutes(1), userId: "u2"));

        Assert.Equal("u1", profile.UserId);
    }

    [Fact]
    public void Apply_MalformedJson_IsIgnoredWithoutThrowing()
    {
        var profile = Run(
            Identify("not json", T0),
            Make(MessageType.Identify, T0) with { Traits = "[1,2]" },
            Track("Product Added", "{\"product_id\":", T0, context: "{{{"));

        Assert.Empty(profile.Traits);
        Assert.Empty(profile.Cart);
        Assert.Equal(T0, profile.LastEventAt["Product Added"]);
        Assert.Equal(1, profile.Visits);
    }

    [Fact]
    public void Apply_TrackEvents_RecordLatestTimePerEventName()
    {
        var profile = Run(
            Track("Signed Up", at: T0.AddHours(2)),
            Track("Signed Up", at: T0),
            Track("Clicked", at: T0.AddHours(1)));

        Assert.Equal(T0.AddHours(2), profile.LastEventAt["Signed Up"]);
        Assert.Equal(T0.AddHours(1), profile.LastEventAt["Clicked"]);
        Assert.Equal(2, profile.LastEventAt.Count);
    }
}
