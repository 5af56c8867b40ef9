using Rekindle.Core.Contacts;

namespace Rekindle.Core.Tests.Contacts;

public sealed class IdentityResolverTests
{
    private static readonly IdentityKey User1 = new(IdentityKind.UserId, "u1");
    private static readonly IdentityKey Anon1 = new(IdentityKind.AnonymousId, "a1");
    private static readonly IdentityKey Email1 = new(IdentityKind.Email, "ann@shop.com");
    private static readonly IdentityKey Phone1 = new(IdentityKind.Phone, "+4741122333");

    private static IdentityResolution Resolve(IReadOnlyList<IdentityKey> keys, Dictionary<IdentityKey, ContactRef> known) =>
        IdentityResolver.Resolve(keys, k => known.GetValueOrDefault(k), () => "new");

    private static IdentityResolution ResolveExisting(IReadOnlyList<IdentityKey> keys, Dictionary<IdentityKey, ContactRef> known) =>
        IdentityResolver.Resolve(keys, k => known.GetValueOrDefault(k), () => throw new InvalidOperationException("no new contact expected"));

    [Fact]
    public void Resolve_NoKeyKnown_CreatesContactWithAllKeys()
    {
        var result = Resolve([User1, Anon1, Email1], []);

        Assert.Equal("new", result.ContactId);
        Assert.True(result.IsNew);
        Assert.Equal([User1, Anon1, Email1], result.KeysToAssign);
        Assert.Empty(result.ContactsToMerge);
    }

    [Fact]
    public void Resolve_OneContactKnown_ReturnsItAndAssignsUnknownKeysOnly()
    {
        var result = ResolveExisting([User1, Anon1, Email1], new() { [Anon1] = new("c1", null) });

        Assert.Equal("c1", result.ContactId);
        Assert.False(result.IsNew);
        Assert.Equal([User1, Email1], result.KeysToAssign);
        Assert.Empty(result.ContactsToMerge);
    }

    [Fact]
    public void Resolve_SameContactViaSeveralKeys_NothingToDo()
    {
        var c1 = new ContactRef("c1", "u1");
        var result = ResolveExisting([User1, Anon1, Email1], new() { [User1] = c1, [Anon1] = c1, [Email1] = c1 });

        Assert.Equal("c1", result.ContactId);
        Assert.Empty(result.KeysToAssign);
        Assert.Empty(result.ContactsToMerge);
    }

    [Fact]
    public void Resolve_SeveralContacts_UserIdOwnerSurvivesOthersMerge()
    {
        var result = ResolveExisting(
            [User1, Anon1, Email1, Phone1],
            new() { [Anon1] = new("anon", null), [User1] = new("user", "u1"), [Email1] = new("mail", null) });

        Assert.Equal("user", result.ContactId);
        Assert.Equal(["anon", "mail"], result.ContactsToMerge);
        Assert.Equal([Anon1, Email1, Phone1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_NoUserIdKey_EmailOwnerSurvivesOverEarlierKeys()
    {
        var result = ResolveExisting(
            [Anon1, Phone1, Email1],
            new() { [Anon1] = new("anon", null), [Phone1] = new("phone", null), [Email1] = new("mail", null) });

        Assert.Equal("mail", result.ContactId);
        Assert.Equal(["anon", "phone"], result.ContactsToMerge);
    }

    [Fact]
    public void Resolve_NeitherUserIdNorEmailFound_FirstFoundInKeyOrderSurvives()
    {
        var result = ResolveExisting(
            [User1, Anon1, Email1, Phone1],
            new() { [Phone1] = new("phone", null), [Anon1] = new("anon", null) });

        Assert.Equal("anon", result.ContactId);
        Assert.Equal(["phone"], result.ContactsToMerge);
        Assert.Equal([User1, Email1, Phone1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_CandidateWithOtherUserId_IsLeftAloneButAnonymousIdMoves()
    {
        // Two customers on one shared device: the device's anonymous contact belongs to u2.
        var result = ResolveExisting(
            [User1, Anon1, Email1],
            new() { [User1] = new("c1", "u1"), [Anon1] = new("c2", "u2"), [Email1] = new("c2", "u2") });

        Assert.Equal("c1", result.ContactId);
        Assert.Empty(result.ContactsToMerge);
        Assert.Equal([Anon1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_OnlyOtherCustomersFound_CreatesContactAndTakesOnlyAnonymousId()
    {
        // u1 is new, but the family email belongs to customer u2.
        var result = Resolve(
            [User1, Anon1, Email1],
            new() { [Anon1] = new("c2", "u2"), [Email1] = new("c2", "u2") });

        Assert.Equal("new", result.ContactId);
        Assert.True(result.IsNew);
        Assert.Empty(result.ContactsToMerge);
        Assert.Equal([User1, Anon1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_SurvivorWithoutUserId_AdoptsFirstMergedUserIdAndLeavesOtherCustomerAlone()
    {
        var result = ResolveExisting(
            [Anon1, Phone1, Email1],
            new() { [Email1] = new("mail", null), [Anon1] = new("x", "ux"), [Phone1] = new("y", "uy") });

        Assert.Equal("mail", result.ContactId);
        Assert.Equal(["x"], result.ContactsToMerge);
        Assert.Equal([Anon1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_AliasOfAnonymousContact_MergesItIntoUserContact()
    {
        IdentityKey[] keys = [User1, new(IdentityKind.UserId, "prev"), new(IdentityKind.AnonymousId, "prev")];

        var result = ResolveExisting(keys, new()
        {
            [User1] = new("user", "u1"),
            [new(IdentityKind.AnonymousId, "prev")] = new("anon", null),
        });

        Assert.Equal("user", result.ContactId);
        Assert.Equal(["anon"], result.ContactsToMerge);
        Assert.Equal([new IdentityKey(IdentityKind.AnonymousId, "prev")], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_AliasOfKnownAnonymousToUnknownUser_IdentifiesThatContact()
    {
        IdentityKey[] keys = [User1, new(IdentityKind.UserId, "prev"), new(IdentityKind.AnonymousId, "prev")];

        var result = ResolveExisting(keys, new() { [new(IdentityKind.AnonymousId, "prev")] = new("anon", null) });

        Assert.Equal("anon", result.ContactId);
        Assert.Empty(result.ContactsToMerge);
        Assert.Equal([User1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_AliasWithNothingKnown_KeepsPreviousIdAsAnonymousIdOnly()
    {
        IdentityKey[] keys = [User1, new(IdentityKind.UserId, "prev"), new(IdentityKind.AnonymousId, "prev")];

        var result = Resolve(keys, []);

        Assert.True(result.IsNew);
        Assert.Equal([User1, new IdentityKey(IdentityKind.AnonymousId, "prev")], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_AliasBetweenTwoCustomers_RefusesMergeAndDoesNotMirrorUserIdAsAnonymousId()
    {
        IdentityKey[] keys = [User1, new(IdentityKind.UserId, "u2"), new(IdentityKind.AnonymousId, "u2")];

        var result = ResolveExisting(keys, new()
        {
            [User1] = new("c1", "u1"),
            [new(IdentityKind.UserId, "u2")] = new("c2", "u2"),
        });

        Assert.Equal("c1", result.ContactId);
        Assert.Empty(result.ContactsToMerge);
        Assert.Empty(result.KeysToAssign);
    }

    [Fact]
    public void Resolve_DuplicateKeys_AreConsideredOnce()
    {
        var result = Resolve([Anon1, Anon1], []);

        Assert.Equal([Anon1], result.KeysToAssign);
    }

    [Fact]
    public void Resolve_NoKeys_CreatesEmptyContact()
    {
        var result = Resolve([], []);

        Assert.True(result.IsNew);
        Assert.Empty(result.KeysToAssign);
    }
}
