using System.Globalization;
using System.Text;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Data;

/// <summary>Which dimensions the rows of a <see cref="TotalsQuery"/> keep besides the entry type (the others are 0).</summary>
[Flags]
public enum TotalsBy
{
    /// <summary>The type only.</summary>
    None = 0,
    Wallet = 1,
    Category = 2,
    Label = 4,
}

/// <summary>
/// One question to the aggregates: Σ base amount and count of the counted entries (confirmed, not planned, not
/// deleted, not excluded) of the local days <see cref="Start"/>..<see cref="End"/> (end included), grouped by type
/// and the dimensions of <see cref="By"/>, restricted to the listed types, wallets and sub-categories (null: all;
/// empty: none). With <see cref="Label"/>, only the entries carrying that label; with <see cref="EachLabel"/>, the
/// entries per label they carry (an entry with two labels is in both). Label rows of deleted labels may come back:
/// callers keep the live labels they know.
/// </summary>
public sealed record TotalsQuery(DateOnly Start, DateOnly End)
{
    public TotalsBy By { get; init; }
    public int? Label { get; init; }
    public bool EachLabel { get; init; }
    public IReadOnlyCollection<EntryType>? Types { get; init; }
    public IReadOnlyCollection<int>? Wallets { get; init; }
    public IReadOnlyCollection<int>? Categories { get; init; }
    /// <summary>Leaves out wallets and sub-categories excluded from statistics (statistics do; budgets count them).</summary>
    public bool StatsOnly { get; init; }
}

/// <summary>One group of a <see cref="TotalsQuery"/> (<see cref="Query"/> is its index); dimensions not asked for are 0.</summary>
public readonly record struct TotalsRow(int Query, int Label, int Wallet, int Category, EntryType Type, long Total, long Count);

/// <summary>
/// The one reader of the statistics' aggregates, for the statistics and the budgets alike: a range's whole months
/// come from the month rows, only its edge days from the day rows (a year is 12 month groups, not 365 days), and
/// every query of a request goes to the database as one statement (<c>UNION ALL</c>), so twenty budgets or a
/// twelve-range chart cost one round trip. Nothing here reads an entry.
/// </summary>
public static class EntryTotals
{
    /// <summary>Sub-categories excluded from statistics (reference data, from memory).</summary>
    private static readonly int[] ExcludedCategories = ReferenceData.SubCategories.Where(c => c.ExcludeFromStats).Select(c => c.Id).ToArray();

    public static async Task<List<TotalsRow>> ReadAsync(BudgetDbContext db, int workspaceId, IReadOnlyList<TotalsQuery> queries, CancellationToken ct)
    {
        if (queries.Count == 0)
        {
            return [];
        }
        var sql = new StringBuilder();
        var values = new List<object> { workspaceId };
        for (var i = 0; i < queries.Count; i++)
        {
            foreach (var (months, from, to) in Pieces(queries[i].Start, queries[i].End))
            {
                if (sql.Length > 0)
                {
                    sql.Append("\nUNION ALL\n");
                }
                Select(sql, values, i, queries[i], months, from, to);
            }
        }
        var text = sql.ToString();
        var records = await db.Database.SqlQueryRaw<TotalsRecord>(text, [.. values]).ToListAsync(ct);
        // A range's month and edge-day groups are added up here.
        return records
            .GroupBy(r => (r.Query, r.Label, r.Wallet, r.Category, r.Type))
            .Select(g => new TotalsRow(g.Key.Query, g.Key.Label, g.Key.Wallet, g.Key.Category,
                EnumNames.TryParse(g.Key.Type, out EntryType type) ? type : throw new InvalidOperationException($"Unknown entry type {g.Key.Type}."),
                g.Sum(r => r.Total), g.Sum(r => r.Count)))
            .ToList();
    }

    /// <summary>
    /// A range cut into whole months (<c>months: true</c>, month keys from..to) and the days before and after them;
    /// a range without a whole month is all days.
    /// </summary>
    public static IEnumerable<(bool Months, DateOnly From, DateOnly To)> Pieces(DateOnly start, DateOnly end)
    {
        var endsMonth = end.Day == DateTime.DaysInMonth(end.Year, end.Month);
        DateOnly? firstWhole = start.Day == 1 ? start : start is { Year: 9999, Month: 12 } ? null : EntryDayTotals.MonthOf(start).AddMonths(1);
        DateOnly? lastWhole = endsMonth ? EntryDayTotals.MonthOf(end) : end is { Year: 1, Month: 1 } ? null : EntryDayTotals.MonthOf(end).AddMonths(-1);
        if (firstWhole is not { } first || lastWhole is not { } last || first > last)
        {
            yield return (false, start, end);
            yield break;
        }
        if (start < first)
        {
            yield return (false, start, first.AddDays(-1));
        }
        yield return (true, first, last);
        if (!endsMonth)
        {
            yield return (false, EntryDayTotals.MonthOf(end), end);
        }
    }

    private static void Select(StringBuilder sql, List<object> values, int index, TotalsQuery query, bool months, DateOnly from, DateOnly to)
    {
        string Parameter(object value)
        {
            values.Add(value);
            return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
        string InList<T>(IEnumerable<T> items)
            where T : notnull => string.Join(", ", items.Select(x => Parameter(x)));

        var labels = query.Label is not null || query.EachLabel;
        var table = (labels, months) switch
        {
            (false, false) => "entry_day_totals",
            (false, true) => "entry_month_totals",
            (true, false) => "entry_label_day_totals",
            (true, true) => "entry_label_month_totals",
        };
        var period = months ? "month" : "day";
        var byLabel = query.EachLabel || query.By.HasFlag(TotalsBy.Label);
        var byWallet = query.By.HasFlag(TotalsBy.Wallet);
        var byCategory = query.By.HasFlag(TotalsBy.Category);
        sql.Append(CultureInfo.InvariantCulture, $"SELECT {index} AS \"Query\", ")
            .Append(labels && byLabel ? "t.label_id" : "0").Append(" AS \"Label\", ")
            .Append(byWallet ? "t.wallet_id" : "0").Append(" AS \"Wallet\", ")
            .Append(byCategory ? "t.category_id" : "0").Append(" AS \"Category\", ")
            .Append("t.type AS \"Type\", CAST(SUM(t.total) AS bigint) AS \"Total\", CAST(SUM(t.count) AS bigint) AS \"Count\"")
            .Append(CultureInfo.InvariantCulture, $" FROM {table} t WHERE t.workspace_id = {{0}} AND t.{period} >= {Parameter(from)} AND t.{period} <= {Parameter(to)}");
        if (query.Label is { } label)
        {
            sql.Append(" AND t.label_id = ").Append(Parameter(label));
        }
        if (query.Types is { } types)
        {
            sql.Append(types.Count == 0 ? " AND 1 = 0" : $" AND t.type IN ({InList(types.Distinct().Select(t => t.Name()))})");
        }
        if (query.Wallets is { } wallets)
        {
            sql.Append(wallets.Count == 0 ? " AND 1 = 0" : $" AND t.wallet_id IN ({InList(wallets.Distinct())})");
        }
        if (query.Categories is { } categories)
        {
            sql.Append(categories.Count == 0 ? " AND 1 = 0" : $" AND t.category_id IN ({InList(categories.Distinct())})");
        }
        if (query.StatsOnly)
        {
            sql.Append(" AND t.wallet_id NOT IN (SELECT w.id FROM wallets w WHERE w.workspace_id = {0} AND w.exclude_from_stats)");
            if (ExcludedCategories.Length > 0)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND t.category_id NOT IN ({InList(ExcludedCategories)})");
            }
        }
        sql.Append(" GROUP BY t.type");
        if (labels && byLabel)
        {
            sql.Append(", t.label_id");
        }
        if (byWallet)
        {
            sql.Append(", t.wallet_id");
        }
        if (byCategory)
        {
            sql.Append(", t.category_id");
        }
    }

    /// <summary>A row as the statement returns it (the column aliases are these names).</summary>
    private sealed class TotalsRecord
    {
        public int Query { get; set; }
        public int Label { get; set; }
        public int Wallet { get; set; }
        public int Category { get; set; }
        public string Type { get; set; } = "";
        public long Total { get; set; }
        public long Count { get; set; }
    }
}
