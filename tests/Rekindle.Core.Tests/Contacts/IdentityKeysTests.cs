using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

public sealed class IdentityKeysTests
{
    private static IdentityKey Key(IdentityKind kind, string value) => new(kind, value);

    [Fact]
    public void From_Identify_ReturnsUserAnonymousEmailPhoneInOrder()
    {
        var message = Identify("""{"email":" Ann@Shop.com","phone":"+47 411 22 333"}""", userId: " u1 ") with { AnonymousId = "a1" };

        Assert.Equal(
            [
                Key(IdentityKind.UserId, "u1"),
                Key(IdentityKind.AnonymousId, "a1"),
                Key(IdentityKind.Email, "ann@shop.com"),
                Key(IdentityKind.Phone, "+4741122333"),
            ],
            IdentityKeys.From(message));
    }

    [Fact]
    public void From_IdentifyWithContextTraits_AddsDistinctContextEmail()
    {
        var message = Identify(
            """{"email":"ann@shop.com"}""",
            context: """{"traits":{"email":"ANN@shop.com ","phone":"0047 41122333"}}""");

        Assert.Equal(
            [Key(IdentityKind.Email, "ann@shop.com"), Key(IdentityKind.Phone, "+4741122333")],
            IdentityKeys.From(message));
    }

    [Fact]
    public void From_TrackWithContextTraits_UsesContextButNotProperties()
    {
        var message = Track("Clicked", """{"email":"prop@shop.com"}""", context: """{"traits":{"email":"ctx@shop.com"}}""")
            with { AnonymousId = "a1" };

        Assert.Equal(
            [Key(IdentityKind.AnonymousId, "a1"), Key(IdentityKind.Email, "ctx@shop.com")],
            IdentityKeys.From(message));
    }

    [Fact]
    public void From_Group_IgnoresGroupTraits()
    {
        var message = Make(MessageType.Group, T0) with { UserId = "u1", GroupId = "g1", Traits = """{"email":"sales@acme.test"}""" };

        Assert.Equal([Key(IdentityKind.UserId, "u1")], IdentityKeys.From(message));
    }

    [Fact]
    public void From_Alias_EmitsPreviousIdAsUserIdThenAnonymousId()
    {
        Assert.Equal(
            [
                Key(IdentityKind.UserId, "u1"),
                Key(IdentityKind.AnonymousId, "a1"),
                Key(IdentityKind.UserId, "prev"),
                Key(IdentityKind.AnonymousId, "prev"),
            ],
            IdentityKeys.From(Alias("u1", "prev", anonymousId: "a1")));
    }

    [Fact]
    public void From_AliasWithPreviousIdEqualToUserId_AddsNothingForIt()
    {
        Assert.Equal([Key(IdentityKind.UserId, "u1")], IdentityKeys.From(Alias("u1", "u1")));
    }

    [Fact]
    public void From_BlankOrInvalidValues_AreSkipped()
    {
        var message = Identify("""{"email":"nope","phone":"12"}""", userId: "  ") with { AnonymousId = "" };

        Assert.Empty(IdentityKeys.From(message));
    }
}
