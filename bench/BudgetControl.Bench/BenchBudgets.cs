using System.Globalization;
using BudgetControl.Data;

namespace BudgetControl.Bench;

/// <summary>
/// One of the twenty budgets the bench measures: its current window (the workspace's zone is UTC) and its filters, as
/// indexes into the bench workspace's wallets and labels.
/// </summary>
internal sealed record BenchBudget(int Index, string Period, DateOnly Start, DateOnly End, int? Wallet, int[]? Categories, string[]? Types, int? Label)
{
    /// <summary>The body of <c>POST /api/budget/create</c>.</summary>
    public object Body(BenchWorkspace ws)
    {
        object configuration = this switch
        {
            { Period: "one-shot" } => new { period = Period, period_start = Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period_end = End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            { Wallet: { } wallet } => new { period = Period, accounts = new[] { ws.Wallets[wallet] } },
            { Categories: { } categories } => new { period = Period, categories, types = Types },
            { Label: { } label } => new { period = Period, tags = new[] { ws.Labels[label] } },
            _ => new { period = Period },
        };
        return new { name = $"Budget {Index}", amount = 1000 + Index, configuration };
    }
}

/// <summary>
/// The twenty budgets of <c>budgets stats (20 budgets)</c> (every period, some with a wallet, sub-category + type or
/// label filter), and that scenario's baseline: one statement over the aggregates that answers all twenty, each budget
/// in its own branches (whole months from the month rows, the other days from the day rows, its filters in the WHERE),
/// one sum per budget.
/// </summary>
internal static class BenchBudgets
{
    private static readonly string[] Periods = ["monthly", "weekly", "yearly", "daily"];

    public static List<BenchBudget> All(DateTime utcNow)
    {
        var today = DateOnly.FromDateTime(utcNow);
        var list = new List<BenchBudget>();
        for (var i = 0; i < 20; i++)
        {
            var period = i % 5 == 3 ? "one-shot" : Periods[i % 4];
            var (start, end) = period switch
            {
                "daily" => (today, today),
                "weekly" => (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + 6)),
                "monthly" => (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1)),
                "yearly" => (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
                _ => (new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year - 1, 12, 31)),
            };
            list.Add((i % 5) switch
            {
                1 => new BenchBudget(i, period, start, end, Wallet: i, null, null, null),
                2 => new BenchBudget(i, period, start, end, null, Categories: [12, 13, 14], Types: ["expenses"], null),
                4 => new BenchBudget(i, period, start, end, null, null, null, Label: i),
                _ => new BenchBudget(i, period, start, end, null, null, null, null),
            });
        }
        return list;
    }

    public static string Sql(BenchWorkspace ws, IReadOnlyList<BenchBudget> budgets)
    {
        var branches = new List<string>();
        foreach (var b in budgets)
        {
            foreach (var (months, from, to) in EntryTotals.Pieces(b.Start, b.End))
            {
                var table = (b.Label is not null, months) switch
                {
                    (false, false) => "entry_day_totals",
                    (false, true) => "entry_month_totals",
                    (true, false) => "entry_label_day_totals",
                    (true, true) => "entry_label_month_totals",
                };
                var period = months ? "month" : "day";
                var types = string.Join(", ", (b.Types ?? ["expenses", "incoming", "debit"]).Select(t => $"'{t}'"));
                var where = string.Create(CultureInfo.InvariantCulture, $"workspace_id = {ws.Id} AND {period} BETWEEN '{from:yyyy-MM-dd}' AND '{to:yyyy-MM-dd}' AND type IN ({types})");
                if (b.Label is { } label)
                {
                    where += string.Create(CultureInfo.InvariantCulture, $" AND label_id = {ws.LabelIds[label]}");
                }
                if (b.Wallet is { } wallet)
                {
                    where += string.Create(CultureInfo.InvariantCulture, $" AND wallet_id = {ws.WalletIds[wallet]}");
                }
                if (b.Categories is { } categories)
                {
                    where += $" AND category_id IN ({string.Join(", ", categories)})";
                }
                branches.Add(string.Create(CultureInfo.InvariantCulture, $"SELECT {b.Index} AS budget, total FROM {table} WHERE {where}"));
            }
        }
        return $"SELECT budget, SUM(total) FROM (\n{string.Join("\nUNION ALL\n", branches)}\n) b GROUP BY budget ORDER BY budget";
    }
}
