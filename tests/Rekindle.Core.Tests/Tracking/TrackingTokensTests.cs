using Rekindle.Core.Tracking;

namespace Rekindle.Core.Tests.Tracking;

public sealed class TrackingTokensTests
{
    private const string MessageId = "0193a1b2c3d4e5f60718293a4b5c6d7e";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly TrackingTokens Tokens = new(Key);

    [Fact]
    public void Open_ReadBack_NamesTheMessageAndNoLink()
    {
        var token = Tokens.Open(MessageId);

        Assert.Matches($"^{MessageId}\\.[A-Za-z0-9_-]{{22}}$", token);
        Assert.Equal(new TrackingToken(MessageId, null), Tokens.Read(token));
        Assert.True(Tokens.Read(token)!.IsOpen);
    }

    [Fact]
    public void Click_ReadBack_NamesTheMessageAndTheLink()
    {
        var token = Tokens.Click(MessageId, 12);

        Assert.Matches($"^{MessageId}\\.12\\.[A-Za-z0-9_-]{{22}}$", token);
        Assert.Equal(new TrackingToken(MessageId, 12), Tokens.Read(token));
    }

    [Fact]
    public void Sign_SameInputTwice_SameToken()
    {
        // Deterministic: the same message and link always get the same URL, so a re-render changes nothing.
        Assert.Equal(Tokens.Click(MessageId, 3), new TrackingTokens(Key).Click(MessageId, 3));
        Assert.NotEqual(Tokens.Click(MessageId, 3), Tokens.Click(MessageId, 4));
    }

    [Fact]
    public void Read_OtherLinkIndexWithTheSameMac_Null()
    {
        var token = Tokens.Click(MessageId, 1);

        Assert.Null(Tokens.Read(token.Replace(".1.", ".2.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_OtherMessageWithTheSameMac_Null()
    {
        var token = Tokens.Open(MessageId);

        Assert.Null(Tokens.Read("f" + token[1..]));
    }

    [Fact]
    public void Read_AlteredMac_Null()
    {
        var token = Tokens.Open(MessageId);
        var last = token[^1] == 'A' ? 'B' : 'A';

        Assert.Null(Tokens.Read(token[..^1] + last));
        Assert.Null(Tokens.Read(token[..^1]));
        Assert.Null(Tokens.Read(token + "A"));
    }

    [Fact]
    public void Read_SignedWithAnotherKey_Null()
    {
        var other = new TrackingTokens(Enumerable.Repeat((byte)7, 32).ToArray());

        Assert.Null(Tokens.Read(other.Open(MessageId)));
        Assert.Null(Tokens.Read(other.Click(MessageId, 0)));
    }

    [Fact]
    public void Read_OpenMacUsedAsClickOrTheReverse_Null()
    {
        var open = Tokens.Open(MessageId);
        var click = Tokens.Click(MessageId, 0);
        var openMac = open[(open.LastIndexOf('.') + 1)..];
        var clickMac = click[(click.LastIndexOf('.') + 1)..];

        Assert.Null(Tokens.Read($"{MessageId}.0.{openMac}"));
        Assert.Null(Tokens.Read($"{MessageId}.{clickMac}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("no-dots")]
    [InlineData("a.b.c.d")]
    [InlineData(".AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("id with space.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("m.-1.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("m.x.AAAAAAAAAAAAAAAAAAAAAA")]
    public void Read_Malformed_NullNotAnException(string? token)
    {
        Assert.Null(Tokens.Read(token));
    }

    [Fact]
    public void Read_LinkIndexWithLeadingZero_Null()
    {
        var token = Tokens.Click(MessageId, 7);

        Assert.Null(Tokens.Read(token.Replace(".7.", ".07.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrackingTokens(new byte[16]));

        Assert.StartsWith("the tracking key must have at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MessageIdThatIsNotUrlSafe_Throws()
    {
        Assert.Throws<ArgumentException>(() => Tokens.Open("a/b"));
        Assert.Throws<ArgumentException>(() => Tokens.Click("a.b", 0));
    }

    [Fact]
    public void Constructor_KeyChangedAfterwards_TokensUnchanged()
    {
        var key = (byte[])Key.Clone();
        var tokens = new TrackingTokens(key);
        var before = tokens.Open(MessageId);

        key[0] ^= 0xFF;

        Assert.Equal(before, tokens.Open(MessageId));
    }
}
