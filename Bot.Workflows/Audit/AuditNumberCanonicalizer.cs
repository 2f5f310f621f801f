namespace AccessBot.Workflows.Audit;

/// <summary>
/// Writes a JSON number the way PostgreSQL's numeric type prints it after jsonb stored it: plain decimal notation, no
/// exponent, as many fraction digits as the input had minus its exponent (never fewer than zero), no leading zeros,
/// and no minus sign on zero. So <c>1e2</c> becomes <c>100</c>, <c>1.50e-1</c> becomes <c>0.150</c>, <c>-0</c> becomes <c>0</c>.
/// </summary>
internal static class AuditNumberCanonicalizer
{
    // jsonb accepts larger exponents, but a canonical form thousands of digits long is a denial of service, not an audit fact.
    private const int MaxExponent = 1000;

    public static void Write(ReadOnlySpan<byte> token, AuditJsonCanonicalizer target)
    {
        if (IsPlainInteger(token))
        {
            target.Append(token is [(byte)'-', (byte)'0'] ? "0"u8 : token);
            return;
        }

        var negative = token[0] == '-';
        var rest = negative ? token[1..] : token;
        var exponentAt = rest.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = exponentAt < 0 ? rest : rest[..exponentAt];
        var exponent = 0;
        if (exponentAt >= 0 && !TryParseExponent(rest[(exponentAt + 1)..], out exponent))
        {
            if (target.Strict) throw new ArgumentException($"Audit details hold a number whose exponent is beyond ±{MaxExponent}.");
            target.Append(token); // only a hand-edited row can get here; its hash will not match anyway
            return;
        }

        var point = mantissa.IndexOf((byte)'.');
        var integerDigits = point < 0 ? mantissa : mantissa[..point];
        var fractionDigits = point < 0 ? [] : mantissa[(point + 1)..];
        var digitCount = integerDigits.Length + fractionDigits.Length;
        Span<byte> digits = digitCount <= 256 ? stackalloc byte[digitCount] : new byte[digitCount];
        integerDigits.CopyTo(digits);
        fractionDigits.CopyTo(digits[integerDigits.Length..]);

        // The decimal point sits `pointPosition` digits from the left of `digits` once the exponent is applied.
        var pointPosition = integerDigits.Length + exponent;
        var scale = Math.Max(0, digits.Length - pointPosition);
        var isZero = digits.IndexOfAnyExcept((byte)'0') < 0;

        if (negative && !isZero) target.Append((byte)'-');
        WriteIntegerPart(digits, pointPosition, target);
        if (scale == 0) return;
        target.Append((byte)'.');
        for (var i = pointPosition; i < 0; i++) target.Append((byte)'0');
        target.Append(digits[Math.Max(pointPosition, 0)..]);
    }

    private static void WriteIntegerPart(ReadOnlySpan<byte> digits, int pointPosition, AuditJsonCanonicalizer target)
    {
        if (pointPosition <= 0)
        {
            target.Append((byte)'0');
            return;
        }
        var available = Math.Min(pointPosition, digits.Length);
        var part = digits[..available];
        var firstSignificant = part.IndexOfAnyExcept((byte)'0');
        if (firstSignificant < 0)
        {
            // All zeros so far: the padding below adds nothing significant either.
            target.Append((byte)'0');
            return;
        }
        target.Append(part[firstSignificant..]);
        for (var i = available; i < pointPosition; i++) target.Append((byte)'0');
    }

    private static bool IsPlainInteger(ReadOnlySpan<byte> token)
    {
        var digits = token[0] == '-' ? token[1..] : token;
        return digits.Length > 0 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        foreach (var b in text)
        {
            exponent = exponent * 10 + (b - '0');
            if (exponent > MaxExponent) return false;
        }
        if (negative) exponent = -exponent;
        return true;
    }
}
