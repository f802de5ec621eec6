using System.Globalization;
using BudgetControl.Data.Reference;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Converts between the API's exact decimal numbers and the database's integer minor units.
/// Never through floating point.
/// </summary>
public static class MoneyFormat
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
    private static readonly decimal[] Steps = [1m, 0.1m, 0.01m, 0.001m, 0.0001m, 0.00001m, 0.000001m];

    /// <summary>
    /// <paramref name="amount"/> in minor units of a currency with <paramref name="minorUnits"/> decimals;
    /// false when it has more decimals than the currency allows or does not fit.
    /// </summary>
    public static bool TryToMinor(decimal amount, int minorUnits, out long minor)
    {
        minor = 0;
        var scaled = amount * Powers[minorUnits];
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue / 4 || scaled < long.MinValue / 4)
        {
            return false;
        }
        minor = (long)scaled;
        return true;
    }

    /// <summary>The decimal of <paramref name="minor"/> units, with exactly <paramref name="minorUnits"/> decimals (1250 → 12.50).</summary>
    public static decimal ToDecimal(long minor, int minorUnits) =>
        minor * Steps[minorUnits]; // decimal multiplication keeps the scale: 1250 * 0.01m = 12.50

    /// <summary>
    /// Converts minor units between currencies with a rate (one unit of the source is worth
    /// <paramref name="rate"/> units of the target), rounding half away from zero to the target's minor unit.
    /// </summary>
    public static long Convert(long minor, int fromMinorUnits, decimal rate, int toMinorUnits)
    {
        var value = minor * rate * Powers[toMinorUnits] / Powers[fromMinorUnits];
        return (long)decimal.Round(value, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// <paramref name="minor"/> units of <paramref name="currencyCode"/> for people, in <paramref name="culture"/>'s
    /// number format with exactly the currency's decimals: "€1,234.50" in English, "1.234,50 €" in Italian. The
    /// symbol is the currency's when no other currency shares it ("€", "£"), otherwise the ISO code ("$" is also
    /// the Argentine peso's, so the dollar shows as "USD 12.50").
    /// </summary>
    public static string Display(long minor, int minorUnits, string currencyCode, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = minorUnits;
        format.CurrencySymbol = Symbol(currencyCode);
        if (format.CurrencySymbol.Any(char.IsLetter))
        {
            // A code or a lettered symbol ("CHF", "kr") is set off by a space: "CHF 12.50", not "CHF12.50".
            format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
        }
        return ToDecimal(minor, minorUnits).ToString("C", format);
    }

    /// <summary>A percentage for people: up to two decimals in the culture's format ("85.5%", "85,5%").</summary>
    public static string DisplayPercent(decimal percent, CultureInfo culture) =>
        percent.ToString("0.##", culture) + "%";

    private static string Symbol(string currencyCode)
    {
        var currency = ReferenceData.CurrencyByCode(currencyCode);
        if (currency is null || string.IsNullOrEmpty(currency.Icon))
        {
            return currencyCode;
        }
        return ReferenceData.Currencies.Count(c => c.Icon == currency.Icon) == 1 ? currency.Icon : currency.Label;
    }
}
