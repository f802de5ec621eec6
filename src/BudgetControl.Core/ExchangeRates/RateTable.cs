using System.Globalization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reference = BudgetControl.Data.Reference.ReferenceData;

namespace BudgetControl.Core.ExchangeRates;

/// <summary>
/// A rate as the API shows it: one unit of <c>currency</c> is worth <c>rate</c> units of the workspace base
/// currency. The base currency itself is listed with rate 1, version 0 and no <c>updated_at</c> (it is not stored).
/// </summary>
internal sealed record RateResponse(int CurrencyId, string Currency, decimal Rate, int Version, DateTime? UpdatedAt);

/// <summary>The effective rate table of a workspace and the rules a stored rate obeys.</summary>
internal static class RateTable
{
    /// <summary>Digits after the point a rate may have (the column is decimal(20,10)).</summary>
    public const int RateDecimals = 10;

    private static readonly decimal RateLimit = 10_000_000_000m; // 10 integer digits fit decimal(20,10)

    /// <summary>The base currency first (rate 1), then every stored rate by currency id.</summary>
    public static async Task<List<RateResponse>> ListAsync(BudgetDbContext db, WorkspaceInfo workspace, CancellationToken ct)
    {
        var stored = await db.ExchangeRates.AsNoTracking()
            .Where(r => r.WorkspaceId == workspace.WorkspaceId && r.CurrencyId != workspace.BaseCurrencyId)
            .OrderBy(r => r.CurrencyId)
            .Select(r => new { r.CurrencyId, r.Currency!.Label, r.Rate, r.Version, r.UpdatedAt })
            .ToListAsync(ct);
        // A rate stored for a currency that has since become the base is shadowed by the base's 1.
        return [Base(workspace), .. stored.Select(r => new RateResponse(r.CurrencyId, r.Label, Normalize(r.Rate), r.Version, r.UpdatedAt))];
    }

    public static RateResponse Base(WorkspaceInfo workspace) => new(workspace.BaseCurrencyId, workspace.BaseCurrencyCode, 1m, 0, null);

    public static RateResponse ToResponse(this ExchangeRate rate, Currency currency) =>
        new(rate.CurrencyId, currency.Label, Normalize(rate.Rate), rate.Version, rate.UpdatedAt);

    /// <summary>The currency a path segment names: its id or its ISO 4217 code (any case).</summary>
    public static Currency? FindCurrency(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Reference.CurrencyById(id);
        }
        return text.Trim() is { Length: 3 } code ? Reference.CurrencyByCode(code) : null;
    }

    /// <summary>Checks a requested rate: given, positive, at most 10 decimals and within the column.</summary>
    public static void Validate(decimal? rate, Validation validation)
    {
        if (rate is not { } value)
        {
            validation.Add("rate", "is required.");
        }
        else if (value <= 0)
        {
            validation.Add("rate", "must be greater than 0.");
        }
        else if (decimal.Round(value, RateDecimals) != value)
        {
            validation.Add("rate", $"must have at most {RateDecimals} decimal digits.");
        }
        else if (value >= RateLimit)
        {
            validation.Add("rate", "is too large.");
        }
    }

    public static ProblemHttpResult UnknownCurrency() => Problems.NotFound("The currency");

    public static ValidationProblem BaseCurrency(WorkspaceInfo workspace) =>
        Problems.Invalid("currency", $"{workspace.BaseCurrencyCode} is the workspace base currency; its rate is always 1.");

    /// <summary>
    /// The rate without trailing zeros: PostgreSQL returns the column's 10 decimals, SQLite what was
    /// stored, and both must answer the same number.
    /// </summary>
    private static decimal Normalize(decimal rate) => rate / 1.000000000000000000000000000000000m;
}
