using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rekindle.Core.Coupons;

/// <summary>
/// A code pattern such as <c>BACK-****-****</c>: <c>#</c> is a digit, <c>?</c> a letter, <c>*</c> a letter or
/// digit, anything else (A–Z, 0–9, '-') is literal. Letters and digits are drawn from alphabets without the
/// characters people confuse when they type a code from an email (I/1, O/0, and for <c>*</c> also 0 and 1).
/// </summary>
/// <remarks>
/// A pattern must allow at least <see cref="MinCombinations"/> codes. Two reasons: issuing draws at random and
/// retries on a collision, which stays rare only while the space is far larger than the codes issued; and a
/// code is a discount anyone can type, so it must not be guessable by trying a few thousand.
/// </remarks>
public sealed class CouponCodePattern
{
    public const int MaxLength = 32;

    /// <summary>2³⁰ ≈ 1.07 billion, e.g. six <c>*</c> positions.</summary>
    public const double MinCombinations = 1L << 30;

    public const string Digits = "0123456789";

    public const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    public const string LettersAndDigits = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly string?[] _positions;

    private CouponCodePattern(string text, string?[] positions, double combinations)
    {
        Text = text;
        _positions = positions;
        Combinations = combinations;
    }

    public string Text { get; }

    /// <summary>How many distinct codes the pattern can make.</summary>
    public double Combinations { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out CouponCodePattern? pattern, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = null;
        if (text.Length is 0 or > MaxLength)
        {
            problem = $"must be 1 to {MaxLength} characters";
            return false;
        }

        var positions = new string?[text.Length];
        var combinations = 1.0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToUpperInvariant(text[i]);
            positions[i] = c switch
            {
                '#' => Digits,
                '?' => Letters,
                '*' => LettersAndDigits,
                _ => null,
            };
            if (positions[i] is { } alphabet)
            {
                combinations *= alphabet.Length;
            }
            else if (!IsLiteral(c))
            {
                problem = $"character '{text[i]}' at position {i + 1} is not allowed; use A–Z, 0–9, '-' and the placeholders # (digit), ? (letter), * (letter or digit)";
                return false;
            }
        }

        if (combinations < MinCombinations)
        {
            problem = $"allows only {combinations:0} codes; at least {MinCombinations:0} are needed so that codes stay unique and cannot be guessed (e.g. six '*')";
            return false;
        }

        pattern = new CouponCodePattern(text.ToUpperInvariant(), positions, combinations);
        problem = null;
        return true;
    }

    /// <summary>A code from the pattern.</summary>
    /// <param name="nextIndex">Returns a uniform integer in [0, n): a cryptographic source in production, so codes cannot be predicted.</param>
    public string Generate(Func<int, int> nextIndex)
    {
        ArgumentNullException.ThrowIfNull(nextIndex);
        var code = new StringBuilder(Text.Length);
        for (var i = 0; i < Text.Length; i++)
        {
            code.Append(_positions[i] is { } alphabet ? alphabet[nextIndex(alphabet.Length)] : Text[i]);
        }

        return code.ToString();
    }

    private static bool IsLiteral(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-';
}
