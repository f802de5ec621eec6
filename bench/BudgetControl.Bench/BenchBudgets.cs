using System.Globalization;
using System.Text.RegularExpressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;

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
/// label filter), and that scenario's baseline: the statement the server sends to the aggregates for them
/// (<see cref="EntryTotals.Statement"/>, with the questions <c>BudgetFigures</c> asks), its values written in, without
/// parallel workers as the server runs it.
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

    /// <summary>
    /// The aggregate statement of <c>GET /api/budgets/stats</c> for these budgets: one question per budget in the
    /// server's order (by name), with the types, wallet, sub-category and label filters it asks.
    /// </summary>
    public static string Sql(BenchWorkspace ws, IReadOnlyList<BenchBudget> budgets)
    {
        var queries = budgets.OrderBy(b => $"Budget {b.Index}", StringComparer.Ordinal).Select(b => new TotalsQuery(b.Start, b.End)
        {
            Types = b.Types is { } types ? [.. types.Select(t => EnumNames.TryParse(t, out EntryType type) ? type : throw new InvalidOperationException(t))]
                : [EntryType.Expenses, EntryType.Incoming, EntryType.Debit],
            Wallets = b.Wallet is { } wallet ? [ws.WalletIds[wallet]] : null,
            Categories = b.Categories,
            Label = b.Label is { } label ? ws.LabelIds[label] : null,
        }).ToList();
        var (sql, values) = EntryTotals.Statement(ws.Id, queries) ?? throw new InvalidOperationException("The budgets read nothing.");
        var statement = Regex.Replace(sql, @"\{(\d+)\}", m => values[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] switch
        {
            int number => number.ToString(CultureInfo.InvariantCulture),
            DateOnly day => "DATE '" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
            string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
            var other => throw new InvalidOperationException($"No literal for {other.GetType()}."),
        });
        // As the server runs it (GenericPlans.MarkSerial): without parallel workers.
        return $"SET max_parallel_workers_per_gather = 0;\n{statement};\nRESET max_parallel_workers_per_gather";
    }
}
