using System.Globalization;
using System.Numerics;
using System.Text;

namespace EventDb.Cli.Output;

/// <summary>
/// A REAL as SQLite turns it into text (<c>sqlite3_column_text</c>, which the <c>sqlite3</c> shell prints): printf's
/// <c>%!.15g</c>. Fifteen significant digits, trailing zeros dropped but one kept after the point (<c>1.0</c>,
/// <c>100.0</c>), exponent form below 1e-4 and from 1e15 with at least two exponent digits (<c>1.0e-05</c>,
/// <c>1.0e+15</c>), <c>Inf</c> and <c>-Inf</c>.
/// </summary>
/// <remarks>
/// The fifteenth digit is rounded half up on the exact binary value, as SQLite 3.43 and later do. SQLite 3.40 (Debian
/// 12's shell) rounds with x87 long double arithmetic instead, which differs on that digit for a value lying (almost)
/// exactly halfway, about one random double in 700 (docs/cli.md).
/// </remarks>
internal static class SqliteReal
{
    private const int Digits = 15;

    private static readonly BigInteger s_lowest = BigInteger.Pow(10, Digits - 1);
    private static readonly BigInteger s_limit = BigInteger.Pow(10, Digits);

    public static string Format(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "Inf" : "-Inf";
        if (value == 0)
            return "0.0";
        bool negative = value < 0;
        var (digits, exponent) = Decimal(Math.Abs(value));
        var sb = new StringBuilder(24);
        if (negative)
            sb.Append('-');
        if (exponent < -4 || exponent >= Digits)
        {
            sb.Append(digits[0]).Append('.').Append(Fraction(digits.AsSpan(1)));
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exponent >= 0)
        {
            sb.Append(digits.AsSpan(0, exponent + 1)).Append('.').Append(Fraction(digits.AsSpan(exponent + 1)));
        }
        else
        {
            sb.Append("0.").Append('0', -exponent - 1).Append(Fraction(digits));
        }
        return sb.ToString();
    }

    /// <summary>Digits after the point without trailing zeros, or <c>0</c> when none is left (the <c>!</c> flag).</summary>
    private static ReadOnlySpan<char> Fraction(ReadOnlySpan<char> digits)
    {
        var trimmed = digits.TrimEnd('0');
        return trimmed.IsEmpty ? "0" : trimmed;
    }

    /// <summary>The value's first fifteen significant digits, rounded half up exactly, and the power of ten of the first.</summary>
    private static (string Digits, int Exponent) Decimal(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int binaryExponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (binaryExponent == 0)
            binaryExponent = 1;
        else
            mantissa |= 1L << 52;
        binaryExponent -= 1075;
        // value = mantissa * 2^binaryExponent, held exactly as numerator / denominator.
        var numerator = binaryExponent >= 0 ? new BigInteger(mantissa) << binaryExponent : new BigInteger(mantissa);
        var denominator = binaryExponent >= 0 ? BigInteger.One : BigInteger.One << -binaryExponent;
        int exponent = (int)Math.Floor(Math.Log10(value));
        while (true)
        {
            int scale = Digits - 1 - exponent;
            var n = scale >= 0 ? numerator * BigInteger.Pow(10, scale) : numerator;
            var d = scale >= 0 ? denominator : denominator * BigInteger.Pow(10, -scale);
            var q = BigInteger.DivRem(n, d, out var r);
            if (q < s_lowest || q >= s_limit)
            {
                exponent += q < s_lowest ? -1 : 1; // Log10 estimated the power of ten one off
                continue;
            }
            if (r * 2 >= d)
                q += 1;
            if (q == s_limit)
                return ("1" + new string('0', Digits - 1), exponent + 1); // 9.99...95 rounds up to 10.0...
            return (q.ToString(CultureInfo.InvariantCulture), exponent);
        }
    }
}
