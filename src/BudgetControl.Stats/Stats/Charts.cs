using System.Text.Json.Serialization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Stats.Stats;

// The chart shapes of the original (its keys are camelCase, unlike the rest of the API).
internal sealed record LineChart([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("series")] List<LineSeries> Series);

internal sealed record LineSeries(
    [property: JsonPropertyName("label")] string Label, [property: JsonPropertyName("color")] string Color, [property: JsonPropertyName("dataPoints")] List<LinePoint> DataPoints);

internal sealed record LinePoint(
    [property: JsonPropertyName("xValue")] decimal XValue, [property: JsonPropertyName("yValue")] decimal YValue,
    [property: JsonPropertyName("xYValue")] decimal[] XYValue, [property: JsonPropertyName("label")] string Label);

internal sealed record BarChart([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("bar")] List<Bar> Bars);

internal sealed record Bar([property: JsonPropertyName("value")] decimal Value, [property: JsonPropertyName("color")] string Color, [property: JsonPropertyName("data")] object Data);

internal sealed record TableChart([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("rows")] List<TableRow> Rows);

internal sealed record TableRow(
    [property: JsonPropertyName("amount")] decimal Amount, [property: JsonPropertyName("prevAmount")] decimal? PrevAmount,
    [property: JsonPropertyName("label")] string Label, [property: JsonPropertyName("bounceRate")] decimal? BounceRate,
    [property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("category_id")] int CategoryId);

internal sealed record PieChart([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("field")] List<PieSlice> Field);

internal sealed record PieSlice(
    [property: JsonPropertyName("value")] decimal Value, [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("color")] string Color, [property: JsonPropertyName("labelId")] Guid LabelId);

internal sealed record CategoryData(int Id, Guid Uuid, string Name, string Slug, int CategoryId, bool ExcludeFromStats, ParentCategory Category);

internal sealed record ParentCategory(int Id, Guid Uuid, string Name, string Icon, string Type, string Slug);

internal sealed record LabelData(Guid Id, Guid Uuid, string Name, string Color, bool Archive);

/// <summary>The chart endpoints (S14-S18): every range is whole local days, end included.</summary>
internal static class Charts
{
    /// <summary><c>GET /api/stats/chart/line/incoming-expenses</c>: per range, Σ incoming, expenses, debit and savings.</summary>
    public static async Task<Results<Ok<LineChart>, ValidationProblem>> Line(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var ranges = StatsRange.Ranges(request, info, clock, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        // Every range in one statement (a year chart is twelve month groups, one round trip).
        var sums = await data.ByTypeAsync(ranges, ct);
        (string Label, string Color, EntryType Type, int Sign)[] series =
        [
            ("incoming", ChartColors.Incoming, EntryType.Incoming, 1),
            ("expenses", ChartColors.Expenses, EntryType.Expenses, 1),
            ("debit", ChartColors.Debit, EntryType.Debit, 1),
            ("savings", ChartColors.Savings, EntryType.Saving, -1),
        ];
        var points = sums.Select(sum => series.Select(s => data.Money(s.Sign * sum.GetValueOrDefault(s.Type))).ToArray()).ToList();
        return TypedResults.Ok(new LineChart("Line", series.Select((s, i) => new LineSeries(s.Label, s.Color,
            ranges.Select((r, j) =>
            {
                var x = points[j][i];
                var y = points[j].Max();
                return new LinePoint(x, y, [x, y], StatsData.MonthLabel(r.Start));
            }).ToList())).ToList()));
    }

    /// <summary><c>GET /api/stats/chart/bar/expenses/category</c>: per range, one bar per sub-category (keyed by id).</summary>
    public static async Task<Results<Ok<BarChart>, ValidationProblem>> BarByCategory(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var ranges = StatsRange.Ranges(request, info, clock, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        var categories = Categories;
        var bars = new List<Bar>();
        foreach (var sums in await data.ByCategoryAsync(ranges, EntryType.Expenses, ct))
        {
            bars.AddRange(categories.Select(c => new Bar(data.Money(sums.GetValueOrDefault(c.Id)), ChartColors.ForCategory(c.Id), c)));
        }
        return TypedResults.Ok(new BarChart("Bar", bars));
    }

    /// <summary>
    /// <c>GET /api/stats/chart/table/expenses/category</c>: per sub-category, Σ expenses of the (first) range
    /// and of the period before it, with the change in percent (null when there was nothing before).
    /// </summary>
    public static async Task<Results<Ok<TableChart>, ValidationProblem>> TableByCategory(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var ranges = StatsRange.Ranges(request, info, clock, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        var range = ranges[0];
        var sums = await data.ByCategoryAsync([range, range.Previous()], EntryType.Expenses, ct);
        var (current, previous) = (sums[0], sums[1]);
        var categories = Categories;
        return TypedResults.Ok(new TableChart("Table", categories.Select(c =>
        {
            var amount = current.GetValueOrDefault(c.Id);
            var before = previous.GetValueOrDefault(c.Id);
            return new TableRow(data.Money(amount), data.Money(before), c.Slug, BounceRate(amount, before), "expenses", c.Id);
        }).ToList()));
    }

    /// <summary>Change from <paramref name="previous"/> in percent of it, 2 decimals; null when it was 0 (no base to compare with).</summary>
    public static decimal? BounceRate(long amount, long previous) =>
        previous == 0 ? (amount == 0 ? 0m : null) : decimal.Round((decimal)(amount - previous) * 100m / previous, 2, MidpointRounding.AwayFromZero);

    /// <summary><c>GET /api/stats/chart/bar/expenses/label</c>: per range, Σ expenses per label (optionally only <c>labels[]</c> names).</summary>
    public static async Task<Results<Ok<BarChart>, ValidationProblem>> BarByLabel(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var ranges = StatsRange.Ranges(request, info, clock, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        var names = LabelNames(request);
        var bars = new List<Bar>();
        foreach (var sums in await ByLabelAsync(data, db, ranges, names, ct))
        {
            foreach (var (label, total) in sums)
            {
                bars.Add(new Bar(data.Money(total), ChartColors.ForLabel(label), new LabelData(label.Uuid, label.Uuid, label.Name, label.Color, label.Archive)));
            }
        }
        return TypedResults.Ok(new BarChart("Bar", bars));
    }

    /// <summary><c>GET /api/stats/chart/apple-pie/expenses/label</c>: the same sums as a pie.</summary>
    public static async Task<Results<Ok<PieChart>, ValidationProblem>> PieByLabel(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var ranges = StatsRange.Ranges(request, info, clock, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        var names = LabelNames(request);
        var slices = new List<PieSlice>();
        foreach (var sums in await ByLabelAsync(data, db, ranges, names, ct))
        {
            slices.AddRange(sums.Select(l => new PieSlice(data.Money(l.Total), l.Label.Name, ChartColors.ForLabel(l.Label), l.Label.Uuid)));
        }
        return TypedResults.Ok(new PieChart("Apple", slices));
    }

    /// <summary>
    /// Σ expenses per live label of each range, from the label aggregates (every range in one statement); a label
    /// appears in a range when counted entries carry it there. An entry with two labels counts in both: each bar is
    /// "spent with this label".
    /// </summary>
    private static async Task<List<List<(Label Label, long Total)>>> ByLabelAsync(StatsData data, BudgetDbContext db, List<DayRange> ranges, List<string> names, CancellationToken ct)
    {
        var rows = await data.TotalsAsync(ranges.Select(r => new TotalsQuery(r.Start, r.End) { EachLabel = true, Types = [EntryType.Expenses] }), ct);
        var ids = rows.Select(r => r.Label).Distinct().ToList();
        var labels = await db.Labels.AsNoTracking().Where(l => l.WorkspaceId == data.Info.WorkspaceId && ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        return ranges.Select((_, i) => rows
            .Where(r => r.Query == i && labels.ContainsKey(r.Label) && (names.Count == 0 || names.Contains(labels[r.Label].Name)))
            .GroupBy(r => r.Label)
            // Rows whose entries were all edited away or deleted stay at zero: no entry carries the label there.
            .Where(g => g.Sum(r => r.Count) > 0)
            .Select(g => (labels[g.Key], g.Sum(r => r.Total))).OrderBy(s => s.Item1.Name, StringComparer.Ordinal).ToList()).ToList();
    }

    private static List<string> LabelNames(HttpRequest request) =>
        request.Query.Where(q => q.Key == "labels" || q.Key.StartsWith("labels[", StringComparison.Ordinal))
            .SelectMany(q => q.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();

    /// <summary>Every sub-category with its category, by id (reference data, from memory).</summary>
    public static List<CategoryData> Categories { get; } = ReferenceData.SubCategories.OrderBy(s => s.Id).Select(s =>
    {
        var c = ReferenceData.CategoryById(s.CategoryId)!;
        return new CategoryData(s.Id, s.Uuid, s.Name, s.Slug, s.CategoryId, s.ExcludeFromStats, new ParentCategory(c.Id, c.Uuid, c.Name, c.Icon, c.Type.Name(), c.Slug));
    }).ToList();
}
