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

/// <summary>Which rows of the aggregates a piece of a range reads: days, months (first day as key) or years (1 January as key).</summary>
public enum TotalsGrain
{
    Days,
    Months,
    Years,
}

/// <summary>One group of a <see cref="TotalsQuery"/> (<see cref="Query"/> is its index); dimensions not asked for are 0.</summary>
public readonly record struct TotalsRow(int Query, int Label, int Wallet, int Category, EntryType Type, long Total, long Count);

/// <summary>
/// The one reader of the statistics' aggregates, for the statistics and the budgets alike: a range's whole years
/// come from the year rows, its other whole months from the month rows, only its edge days from the day rows (a
/// calendar year is one year group, not 12 month groups or 365 days; label ranges stop at months). All the
/// queries of a request are answered by one statement that reads each kind of aggregate row (day, month or year,
/// with or without labels) once, over the merged periods the queries cover, grouped by period and by the dimensions some
/// query needs (a dimension the queries only filter on keeps just the filtered values apart and folds the rest into
/// one group); each query's sums are then cut out of those rows in memory. Twenty budgets or a twelve-range chart
/// therefore cost one round trip and at most five scans of aggregate rows. Nothing here reads an entry.
/// </summary>
public static class EntryTotals
{
    /// <summary>Sub-categories excluded from statistics (reference data, from memory).</summary>
    private static readonly int[] ExcludedCategories = ReferenceData.SubCategories.Where(c => c.ExcludeFromStats).Select(c => c.Id).ToArray();

    public static async Task<List<TotalsRow>> ReadAsync(BudgetDbContext db, int workspaceId, IReadOnlyList<TotalsQuery> queries, CancellationToken ct)
    {
        var (pieces, sql, values) = Build(workspaceId, queries);
        if (pieces.Count == 0)
        {
            return [];
        }
        var records = await db.Database.SqlQueryRaw<TotalsRecord>(GenericPlans.MarkSerial(sql), [.. values]).ToListAsync(ct);
        var rows = records
            .Select(r => (Read: new ReadKey(r.Labels != 0, (TotalsGrain)r.Grain, r.StatsOnly != 0), r.Period, r.Label, r.Wallet, r.Category,
                Type: EnumNames.TryParse(r.Type, out EntryType type) ? type : throw new InvalidOperationException($"Unknown entry type {r.Type}."), r.Total, r.Count))
            .ToLookup(r => r.Read);
        var sums = new Dictionary<(int Query, int Label, int Wallet, int Category, EntryType Type), (long Total, long Count)>();
        foreach (var piece in pieces)
        {
            var q = queries[piece.Query];
            foreach (var r in rows[piece.Read])
            {
                if (r.Period < piece.From || r.Period > piece.To
                    || (q.Label is { } label && r.Label != label)
                    || (q.Types is { } types && !types.Contains(r.Type))
                    || (q.Wallets is { } wallets && !wallets.Contains(r.Wallet))
                    || (q.Categories is { } categories && !categories.Contains(r.Category)))
                {
                    continue;
                }
                var key = (piece.Query, q.EachLabel || q.By.HasFlag(TotalsBy.Label) ? r.Label : 0, q.By.HasFlag(TotalsBy.Wallet) ? r.Wallet : 0,
                    q.By.HasFlag(TotalsBy.Category) ? r.Category : 0, r.Type);
                var sum = sums.GetValueOrDefault(key);
                sums[key] = (sum.Total + r.Total, sum.Count + r.Count);
            }
        }
        return sums.Select(s => new TotalsRow(s.Key.Query, s.Key.Label, s.Key.Wallet, s.Key.Category, s.Key.Type, s.Value.Total, s.Value.Count)).ToList();
    }

    /// <summary>
    /// The statement <see cref="ReadAsync"/> sends for <paramref name="queries"/> (null when they read nothing), its values
    /// as <c>{n}</c> placeholders: the bench runs it as the budgets' SQL baseline. On PostgreSQL it runs without parallel
    /// workers (<see cref="GenericPlans.MarkSerial"/>).
    /// </summary>
    public static (string Sql, IReadOnlyList<object> Values)? Statement(int workspaceId, IReadOnlyList<TotalsQuery> queries)
    {
        var (pieces, sql, values) = Build(workspaceId, queries);
        return pieces.Count == 0 ? null : (sql, values);
    }

    private static (List<Piece> Pieces, string Sql, List<object> Values) Build(int workspaceId, IReadOnlyList<TotalsQuery> queries)
    {
        // Each piece of each query, by the rows it reads (a query with an empty filter matches nothing and reads nothing).
        var pieces = queries
            .SelectMany((q, i) => (q.Types is { Count: 0 } || q.Wallets is { Count: 0 } || q.Categories is { Count: 0 } ? [] : Pieces(q.Start, q.End, years: !IsLabelQuery(q)))
                .Select(p => new Piece(i, p.From, p.To, new ReadKey(IsLabelQuery(q), p.Grain, q.StatsOnly))))
            .ToList();
        if (pieces.Count == 0)
        {
            return ([], "", []);
        }
        var reads = pieces.GroupBy(p => p.Read).ToList();
        var sql = new StringBuilder();
        var values = new List<object> { workspaceId };
        foreach (var read in reads)
        {
            var members = read.Select(p => queries[p.Query]).ToList();
            var plan = new ReadPlan(
                Wallet: Kept(members, TotalsBy.Wallet, q => q.Wallets),
                Category: Kept(members, TotalsBy.Category, q => q.Categories),
                // Only the labels asked for, each over its own periods (a monthly budget of one label and a yearly one of
                // another read one month and twelve, not twelve of both), unless some query wants every label.
                Labels: !read.Key.Labels || members.Any(q => q.EachLabel) ? null
                    : [.. read.GroupBy(p => queries[p.Query].Label!.Value).Select(g => (g.Key, Merge(read.Key.Grain, g.Select(p => (p.From, p.To)))))],
                Types: members.Any(q => q.Types is null) ? null : members.SelectMany(q => q.Types!).Distinct().ToList());
            if (sql.Length > 0)
            {
                sql.Append("\nUNION ALL\n");
            }
            Select(sql, values, read.Key, plan, Merge(read.Key.Grain, read.Select(p => (p.From, p.To))));
        }
        return (pieces, sql.ToString(), values);
    }

    private static bool IsLabelQuery(TotalsQuery q) => q.Label is not null || q.EachLabel;

    /// <summary>A piece of query <see cref="Query"/>: the rows of <see cref="Read"/> with keys <see cref="From"/>..<see cref="To"/>.</summary>
    private sealed record Piece(int Query, DateOnly From, DateOnly To, ReadKey Read);

    /// <summary>
    /// A range cut into whole years (year keys from..to: 1 January), the other whole months (month keys) and the days
    /// before and after them; a range without a whole month is all days. Without <paramref name="years"/> (label rows
    /// have no years) whole years stay months.
    /// </summary>
    public static IEnumerable<(TotalsGrain Grain, DateOnly From, DateOnly To)> Pieces(DateOnly start, DateOnly end, bool years = true)
    {
        foreach (var (months, from, to) in MonthPieces(start, end))
        {
            if (!months)
            {
                yield return (TotalsGrain.Days, from, to);
                continue;
            }
            // from..to are month keys: whole years between them come from the year rows.
            DateOnly? firstYear = from.Month == 1 ? from : from.Year == 9999 ? null : new DateOnly(from.Year + 1, 1, 1);
            DateOnly? lastYear = to.Month == 12 ? new DateOnly(to.Year, 1, 1) : to.Year == 1 ? null : new DateOnly(to.Year - 1, 1, 1);
            if (!years || firstYear is not { } first || lastYear is not { } last || first > last)
            {
                yield return (TotalsGrain.Months, from, to);
                continue;
            }
            if (from < first)
            {
                yield return (TotalsGrain.Months, from, first.AddMonths(-1));
            }
            yield return (TotalsGrain.Years, first, last);
            if (to.Month != 12)
            {
                yield return (TotalsGrain.Months, new DateOnly(to.Year, 1, 1), to);
            }
        }
    }

    /// <summary>A range cut into whole months (<c>months: true</c>, month keys from..to) and the days before and after them.</summary>
    private static IEnumerable<(bool Months, DateOnly From, DateOnly To)> MonthPieces(DateOnly start, DateOnly end)
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

    /// <summary>The periods (keys of <paramref name="grain"/>) as few disjoint ranges (overlapping or adjacent ones merged).</summary>
    private static List<(DateOnly From, DateOnly To)> Merge(TotalsGrain grain, IEnumerable<(DateOnly From, DateOnly To)> periods)
    {
        // The key after a range's last one: ranges that start there or earlier are merged with it (in the year 9999,
        // which has no next year, everything later is merged: more rows read, none left out).
        static DateOnly Next(TotalsGrain grain, DateOnly key) => key.Year == 9999 ? DateOnly.MaxValue : grain switch
        {
            TotalsGrain.Days => key.AddDays(1),
            TotalsGrain.Months => key.AddMonths(1),
            _ => key.AddYears(1),
        };
        var merged = new List<(DateOnly From, DateOnly To)>();
        foreach (var (from, to) in periods.OrderBy(p => p.From))
        {
            if (merged.Count > 0 && from <= Next(grain, merged[^1].To))
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }
        return merged;
    }

    /// <summary>Which rows a piece reads: labels or not, days, months or years, and whether excluded wallets and sub-categories are left out.</summary>
    private readonly record struct ReadKey(bool Labels, TotalsGrain Grain, bool StatsOnly);

    /// <summary>
    /// What one read keeps: its wallet and sub-category columns, the labels it reads with the periods of each (null: every
    /// label, over the read's periods) and the types (null: all).
    /// </summary>
    private sealed record ReadPlan(Dimension Wallet, Dimension Category, List<(int Label, List<(DateOnly From, DateOnly To)> Periods)>? Labels, List<EntryType>? Types);

    /// <summary>
    /// Which values of a dimension a read keeps apart: none (every row as 0), every value (some query groups by it), or only
    /// the values some query filters on (<see cref="Only"/>), every other value folded into <see cref="Other"/>. Folding keeps
    /// the budgets' read small: two years of month rows grouped by every wallet x sub-category are thousands of groups; by
    /// the few wallets and sub-categories the budgets name, a few hundred at most.
    /// </summary>
    private sealed record Dimension(bool Kept, List<int>? Only)
    {
        public static readonly Dimension None = new(false, null);
        public static readonly Dimension All = new(true, null);
    }

    /// <summary>The value of a folded dimension for the rows no query filters on (ids are positive; rows without a wallet are 0).</summary>
    private const int Other = -1;

    private static Dimension Kept(List<TotalsQuery> members, TotalsBy by, Func<TotalsQuery, IReadOnlyCollection<int>?> filter) =>
        members.Any(q => q.By.HasFlag(by)) ? Dimension.All
        : members.Any(q => filter(q) is not null) ? new Dimension(true, [.. members.SelectMany(q => filter(q) ?? []).Distinct().Order()])
        : Dimension.None;

    private static void Select(StringBuilder sql, List<object> values, ReadKey read, ReadPlan plan, List<(DateOnly From, DateOnly To)> periods)
    {
        string Parameter(object value)
        {
            values.Add(value);
            return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
        string InList<T>(IEnumerable<T> items)
            where T : notnull => string.Join(", ", items.Select(x => Parameter(x)));

        var table = (read.Labels, read.Grain) switch
        {
            (false, TotalsGrain.Days) => "entry_day_totals",
            (false, TotalsGrain.Months) => "entry_month_totals",
            (false, TotalsGrain.Years) => "entry_year_totals",
            (true, TotalsGrain.Days) => "entry_label_day_totals",
            (true, TotalsGrain.Months) => "entry_label_month_totals",
            _ => throw new InvalidOperationException("Label rows have no years."),
        };
        var period = read.Grain switch
        {
            TotalsGrain.Days => "day",
            TotalsGrain.Months => "month",
            _ => "year",
        };
        var flags = string.Create(CultureInfo.InvariantCulture, $"{(read.Labels ? 1 : 0)} AS \"labels\", {(int)read.Grain} AS \"grain\", {(read.StatsOnly ? 1 : 0)} AS \"stats_only\"");
        // A folded dimension is a CASE in the SELECT, grouped by its position (6: wallet, 7: category).
        string Column(string column, Dimension dimension) => dimension switch
        {
            { Kept: false } => "0",
            { Only: null } => "t." + column,
            { Only.Count: 0 } => Other.ToString(CultureInfo.InvariantCulture),
            { Only: { } only } => string.Create(CultureInfo.InvariantCulture, $"CASE WHEN t.{column} IN ({InList(only)}) THEN t.{column} ELSE {Other} END"),
        };
        string GroupBy(string column, Dimension dimension, int position) => dimension switch
        {
            { Kept: false } or { Only.Count: 0 } => "",
            { Only: null } => ", t." + column,
            _ => ", " + position.ToString(CultureInfo.InvariantCulture),
        };

        sql.Append("SELECT ").Append(flags).Append(CultureInfo.InvariantCulture, $", t.{period} AS \"period\", ")
            .Append(read.Labels ? "t.label_id" : "0").Append(" AS \"label\", ")
            .Append(Column("wallet_id", plan.Wallet)).Append(" AS \"wallet\", ")
            .Append(Column("category_id", plan.Category)).Append(" AS \"category\", ")
            .Append("t.type AS \"type\", CAST(SUM(t.total) AS bigint) AS \"total\", CAST(SUM(t.count) AS bigint) AS \"count\"")
            .Append(CultureInfo.InvariantCulture, $" FROM {table} t WHERE t.workspace_id = {{0}} AND (");
        string Periods(List<(DateOnly From, DateOnly To)> ranges) => string.Join(" OR ", ranges.Select(p => $"t.{period} BETWEEN {Parameter(p.From)} AND {Parameter(p.To)}"));
        if (plan.Labels is { } labels)
        {
            sql.Append(string.Join(" OR ", labels.Select(l => $"(t.label_id = {Parameter(l.Label)} AND ({Periods(l.Periods)}))")));
        }
        else
        {
            sql.Append(Periods(periods));
        }
        sql.Append(')');
        if (plan.Types is { } types)
        {
            sql.Append(types.Count == 0 ? " AND 1 = 0" : $" AND t.type IN ({InList(types.Select(t => t.Name()))})");
        }
        if (read.StatsOnly)
        {
            sql.Append(" AND t.wallet_id NOT IN (SELECT w.id FROM wallets w WHERE w.workspace_id = {0} AND w.exclude_from_stats)");
            if (ExcludedCategories.Length > 0)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND t.category_id NOT IN ({InList(ExcludedCategories)})");
            }
        }
        sql.Append(CultureInfo.InvariantCulture, $" GROUP BY t.{period}, t.type");
        if (read.Labels)
        {
            sql.Append(", t.label_id");
        }
        sql.Append(GroupBy("wallet_id", plan.Wallet, 6)).Append(GroupBy("category_id", plan.Category, 7));
    }

    /// <summary>A row as the statement returns it (the column aliases are these names in snake case, as the model names columns).</summary>
    private sealed class TotalsRecord
    {
        public int Labels { get; set; }
        public int Grain { get; set; }
        public int StatsOnly { get; set; }
        public DateOnly Period { get; set; }
        public int Label { get; set; }
        public int Wallet { get; set; }
        public int Category { get; set; }
        public string Type { get; set; } = "";
        public long Total { get; set; }
        public long Count { get; set; }
    }
}
