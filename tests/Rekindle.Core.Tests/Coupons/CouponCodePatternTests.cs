using Rekindle.Core.Coupons;

namespace Rekindle.Core.Tests.Coupons;

public class CouponCodePatternTests
{
    [Fact]
    public void Generate_ScriptedIndices_FillsEachPlaceholderFromItsAlphabet()
    {
        Assert.True(CouponCodePattern.TryParse("back-##??-****", out var pattern, out _));
        var indices = new Queue<int>([0, 9, 0, 23, 0, 8, 24, 31]);

        var code = pattern.Generate(n => indices.Dequeue());

        // # → "0123456789", ? → letters without I and O, * → those letters then 2–9.
        Assert.Equal("BACK-09AZ-AJ29", code);
        Assert.Equal("BACK-##??-****", pattern.Text);
    }

    [Fact]
    public void Generate_AskedRanges_AreTheAlphabetSizes()
    {
        Assert.True(CouponCodePattern.TryParse("#?*-******", out var pattern, out _));
        var asked = new List<int>();

        pattern.Generate(n => { asked.Add(n); return 0; });

        Assert.Equal([10, 24, 32, 32, 32, 32, 32, 32, 32], asked);
    }

    [Fact]
    public void TryParse_SixLettersOrDigits_IsTheSmallestAcceptedSpace()
    {
        Assert.True(CouponCodePattern.TryParse("******", out var pattern, out _));
        Assert.Equal(Math.Pow(32, 6), pattern.Combinations);
    }

    [Theory]
    [InlineData("WELCOME-######", "allows only 1000000 codes")]
    [InlineData("SALE-*****", "allows only 33554432 codes")]
    [InlineData("", "must be 1 to 32 characters")]
    [InlineData("SUMMER_****-****", "character '_' at position 7 is not allowed")]
    [InlineData("******** ****", "character ' ' at position 9 is not allowed")]
    public void TryParse_BadPattern_SaysWhy(string text, string expected)
    {
        Assert.False(CouponCodePattern.TryParse(text, out var pattern, out var problem));
        Assert.Null(pattern);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void Alphabets_LeaveOutLookAlikes()
    {
        Assert.Equal(24, CouponCodePattern.Letters.Length);
        Assert.Equal(32, CouponCodePattern.LettersAndDigits.Length);
        Assert.DoesNotContain('I', CouponCodePattern.LettersAndDigits);
        Assert.DoesNotContain('O', CouponCodePattern.LettersAndDigits);
        Assert.DoesNotContain('0', CouponCodePattern.LettersAndDigits);
        Assert.DoesNotContain('1', CouponCodePattern.LettersAndDigits);
    }

    [Theory]
    [InlineData("  save-10 ", "SAVE-10")]
    [InlineData("abc", "ABC")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Normalize_TrimsAndUpperCases(string? code, string? expected) =>
        Assert.Equal(expected, CouponCodes.Normalize(code));

    [Theory]
    [InlineData("SAVE-10_A", null)]
    [InlineData("save 10", "may contain only letters, digits, '-' and '_'")]
    [InlineData(" ", "must not be empty")]
    public void Problem_PoolCode_SaysWhatIsWrong(string code, string? expected) =>
        Assert.Equal(expected, CouponCodes.Problem(code));
}
