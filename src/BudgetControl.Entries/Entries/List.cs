using System.Globalization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// <c>GET /api/entry</c>, <c>/api/entry/{type}</c> and <c>/api/entry/{goal}/saving</c>: entry lists,
/// paginated exactly like the original (Laravel paginator JSON, <c>page</c>, <c>per_page</c>). Filters,
/// read by <see cref="ListQuery"/>: the original's <c>filters[key]=value</c>, <c>a,b,c</c> (any of) and
/// <c>op|value</c> forms, plus ranges the original could not express: <c>date_from</c>/<c>date_to</c>
/// (days in the workspace's time zone, end inclusive), <c>amount_min</c>/<c>amount_max</c> (workspace
/// currency), <c>q</c> (text in the note). Unknown keys and bad values are a 400, never a 500.
/// </summary>
internal static class ListEntries
{
    private static readonly string[] FilterKeys =
        ["type", "account_id", "category_id", "currency_id", "payee_id", "goal_id", "payment_type", "planned", "confirmed", "waranty", "label", "amount", "date_time", "exclude_from_stats"];

    public static Task<Results<Ok<Page<EntryResponse>>, ValidationProblem, ProblemHttpResult>> Handle(
        RouteType route, [AsParameters] EntryContext context) =>
        ListAsync(route.Type, null, context);

    /// <summary>The savings of one goal (the original's gateway route, broken there); another workspace's goal is a 404.</summary>
    public static Task<Results<Ok<Page<EntryResponse>>, ValidationProblem, ProblemHttpResult>> Savings(
        Guid goalUuid, [AsParameters] EntryContext context) =>
        ListAsync(EntryType.Saving, goalUuid, context);

    private static async Task<Results<Ok<Page<EntryResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        EntryType? type, Guid? goal, EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var query = new ListQuery(http.Request.Query, new Validation());
        var request = query.Page();

        var counts = new EntryCountScope();
        var entries = db.Entries.Where(e => e.WorkspaceId == scope.WorkspaceId);
        if (type is { } t)
        {
            entries = entries.Where(e => e.Type == t);
            counts.Types([t]);
        }
        if (goal is { } goalUuid)
        {
            var goalId = await db.Goals.IdOfAsync(scope.WorkspaceId, goalUuid, ct);
            if (goalId is null)
            {
                return Problems.NotFound("The goal");
            }
            entries = entries.Where(e => e.GoalId == goalId);
            counts.Uncountable();
        }
        // The original hid planned entries from typed lists unless asked (a cast slip); here absent means both.
        if (query.Value("planned") is { } plannedText && query.Flag("planned", plannedText) is { } planned)
        {
            entries = planned ? entries.Where(e => e.Planned) : entries.Where(e => !e.Planned); // literal: the partial index of unplanned entries matches it
            counts.Planned(planned);
        }
        entries = await FilterAsync(entries, query, scope, db, info, counts, ct);
        if (!query.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(query.Validation.Errors);
        }

        // Newest first; the keyset (date_time, id) continues exactly after the last row a client saw.
        // The first bound (implied by the second) is the range the index seeks to; the OR alone would be a filter.
        var after = request.After is { } a ? entries.Where(e => e.DateTime <= a.At && (e.DateTime < a.At || (e.DateTime == a.At && e.Id < a.Id))) : entries;
        // The total (the counters' sum, or else the bounded count of the filtered rows) comes with the page, in its statement;
        // an empty page has no row to carry it, so it is then read on its own. One row more than the page tells whether
        // another follows (that row's relations are not read).
        var (rows, counted, hasMore) = await EntryResponse.ReadPageAsync(NewestFirst(after).Skip(request.Offset).Take(request.PerPage + 1),
            request.Offset > 0 ? NewestFirst : null, request.PerPage,
            counts.Countable ? counts.Counters(db, scope.WorkspaceId) : null, counts.Countable ? null : entries, db, ct);
        var (total, exact) = counts.Countable
            ? (counted ?? await counts.TotalAsync(db, scope.WorkspaceId, ct), true)
            : counted is { } bounded ? Pagination.BoundedTotal(bounded) : await Pagination.BoundedCountAsync(entries, ct);
        var last = rows.Count > 0 ? new Keyset(rows[^1].Entry.DateTime, rows[^1].Entry.Id) : (Keyset?)null;
        var data = rows.Select(r => EntryResponse.From(r, info)).ToList();
        return TypedResults.Ok(Pagination.Build(data, request, total, exact, hasMore, last));
    }

    private static IQueryable<Entry> NewestFirst(IQueryable<Entry> entries) => entries.OrderByDescending(e => e.DateTime).ThenByDescending(e => e.Id);

    private static async Task<IQueryable<Entry>> FilterAsync(IQueryable<Entry> entries, ListQuery query, WorkspaceScope scope, BudgetDbContext db, WorkspaceInfo info, EntryCountScope counts, CancellationToken ct)
    {
        var ws = scope.WorkspaceId;
        foreach (var filter in query.Filters(FilterKeys))
        {
            switch (filter.Key)
            {
                // The filters the entry counters answer (type and wallet are also shared with templates and plans).
                case "type":
                    var types = query.Enums<EntryType>(filter, "an entry type", EnumNames.TryParse);
                    entries = entries.Where(e => types.Contains(e.Type));
                    counts.Types(types);
                    continue;
                case "account_id":
                    var wallets = await db.Wallets.IgnoreQueryFilters().IdsOfAsync(ws, query.Uuids(filter), ct);
                    if (wallets.Count == 1)
                    {
                        // One wallet (the client's filter) as an equality: PostgreSQL then reads the page in order from the index
                        // (wallet_id, planned, date_time, id); "= ANY" of an array, even of one element, would sort the wallet's history.
                        // (Its id cannot come as a subquery of the page's statement: the look-up ignores the wallets' query filter,
                        // so that a deleted wallet's entries can still be listed, and IgnoreQueryFilters applies to a whole query.)
                        var only = wallets[0];
                        entries = entries.Where(e => e.WalletId == only);
                    }
                    else
                    {
                        entries = entries.Where(e => e.WalletId != null && wallets.Contains(e.WalletId.Value));
                    }
                    counts.Wallets(wallets);
                    continue;
                case "planned":
                    break;
                default:
                    counts.Uncountable();
                    break;
            }
            if (await EntryFilters.ApplySharedAsync(entries, filter, query, db, ws, ct) is { } shared)
            {
                entries = shared;
                continue;
            }
            switch (filter.Key)
            {
                case "goal_id":
                    var goals = await db.Goals.IgnoreQueryFilters().IdsOfAsync(ws, query.Uuids(filter), ct);
                    entries = entries.Where(e => e.GoalId != null && goals.Contains(e.GoalId.Value));
                    break;
                case "label":
                    var names = filter.Items.Select(l => Data.Entities.IUniquelyNamed.Normalize(l)).ToList();
                    var labelUuids = filter.Items.Select(l => Guid.TryParse(l, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
                    entries = entries.Where(e => e.Labels.Any(l => labelUuids.Contains(l.Uuid) || names.Contains(l.NormalizedName)));
                    break;
                case "category_id":
                    var categories = query.Ints(filter);
                    entries = entries.Where(e => categories.Contains(e.CategoryId));
                    break;
                case "planned":
                    if (query.Flag(filter.Parameter, filter.Value) is { } planned)
                    {
                        entries = planned ? entries.Where(e => e.Planned) : entries.Where(e => !e.Planned); // literal: the partial index of unplanned entries matches it
                        counts.Planned(planned);
                    }
                    break;
                case "confirmed":
                    entries = query.Flag(filter.Parameter, filter.Value) is { } confirmed ? entries.Where(e => e.Confirmed == confirmed) : entries;
                    break;
                case "waranty":
                    entries = query.Flag(filter.Parameter, filter.Value) is { } waranty ? entries.Where(e => e.Waranty == waranty) : entries;
                    break;
                case "exclude_from_stats":
                    entries = query.Flag(filter.Parameter, filter.Value) is { } excluded ? entries.Where(e => e.ExcludeFromStats == excluded) : entries;
                    break;
                case "amount":
                    if (query.Comparison(filter) is var (op, operand) && Money(operand, filter.Parameter, info, query.Validation) is { } minor)
                    {
                        entries = Compare(entries, op, minor);
                    }
                    break;
                case "date_time":
                    if (query.Comparison(filter) is var (dateOp, dateText))
                    {
                        if (info.TryParseInstant(dateText, out var instant))
                        {
                            entries = dateOp switch
                            {
                                "<" => entries.Where(e => e.DateTime < instant),
                                "<=" => entries.Where(e => e.DateTime <= instant),
                                ">" => entries.Where(e => e.DateTime > instant),
                                ">=" => entries.Where(e => e.DateTime >= instant),
                                "!=" => entries.Where(e => e.DateTime != instant),
                                _ => entries.Where(e => e.DateTime == instant),
                            };
                        }
                        else
                        {
                            query.Validation.Add(filter.Parameter, "is not a date.");
                        }
                    }
                    break;
            }
        }

        if (new[] { "date_from", "date_to", "amount_min", "amount_max", "q" }.Any(k => query.Value(k) is not null))
        {
            counts.Uncountable();
        }
        if (query.Value("date_from") is { } from)
        {
            if (info.TryParseDay(from, out var day))
            {
                var start = StartOfDay(day, info);
                entries = entries.Where(e => e.DateTime >= start);
            }
            else
            {
                query.Validation.Add("date_from", "must be a date yyyy-MM-dd.");
            }
        }
        if (query.Value("date_to") is { } to)
        {
            if (info.TryParseDay(to, out var day))
            {
                var end = StartOfDay(day.AddDays(1), info);
                entries = entries.Where(e => e.DateTime < end);
            }
            else
            {
                query.Validation.Add("date_to", "must be a date yyyy-MM-dd.");
            }
        }
        if (query.Value("amount_min") is { } min && Money(min, "amount_min", info, query.Validation) is { } minMinor)
        {
            entries = entries.Where(e => e.BaseAmount >= minMinor);
        }
        if (query.Value("amount_max") is { } max && Money(max, "amount_max", info, query.Validation) is { } maxMinor)
        {
            entries = entries.Where(e => e.BaseAmount <= maxMinor);
        }
        if (query.Value("q") is { } text)
        {
            var needle = text.ToLowerInvariant();
            entries = entries.Where(e => e.Note != null && e.Note.ToLower().Contains(needle));
        }
        return entries;
    }

    private static DateTime StartOfDay(DateOnly day, WorkspaceInfo info) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), info.TimeZone);

    private static IQueryable<Entry> Compare(IQueryable<Entry> entries, string op, long minor) => op switch
    {
        "<" => entries.Where(e => e.BaseAmount < minor),
        "<=" => entries.Where(e => e.BaseAmount <= minor),
        ">" => entries.Where(e => e.BaseAmount > minor),
        ">=" => entries.Where(e => e.BaseAmount >= minor),
        "!=" => entries.Where(e => e.BaseAmount != minor),
        _ => entries.Where(e => e.BaseAmount == minor),
    };

    private static long? Money(string text, string key, WorkspaceInfo info, Validation validation)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && MoneyFormat.TryToMinor(value, info.BaseMinorUnits, out var minor))
        {
            return minor;
        }
        validation.Add(key, $"must be an amount in {info.BaseCurrencyCode}.");
        return null;
    }
}

/// <summary><c>GET /api/entry/{uuid}</c> and <c>/api/entry/{type}/{uuid}</c>: one entry, with its version as ETag.</summary>
internal static class ShowEntry
{
    public static async Task<Results<Ok<EntryResponse>, ProblemHttpResult>> Handle(string uuid, RouteType route, [AsParameters] EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        var rows = await EntryResponse.ReadByKeyAsync(db.Entries.WhereInWorkspace(scope, uuid), db, ct);
        if (rows.Count == 0 || (route.Type is { } t && rows[0].Entry.Type != t))
        {
            return Problems.NotFound("The entry");
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, rows[0].Entry.Version);
        return TypedResults.Ok(EntryResponse.From(rows[0], info));
    }
}
