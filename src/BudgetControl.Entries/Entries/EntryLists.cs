using System.Globalization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// Entry lists, paginated exactly like the original (Laravel paginator JSON, <c>page</c>, <c>per_page</c>).
/// Filters: the original's <c>filters[key]=value</c>, <c>a,b,c</c> (any of) and <c>op|value</c> forms,
/// plus ranges the original could not express: <c>date_from</c>/<c>date_to</c> (days in the workspace's
/// time zone, end inclusive), <c>amount_min</c>/<c>amount_max</c> (workspace currency), <c>label</c>,
/// <c>q</c> (text in the note). Unknown keys and bad values are a 400, never a 500.
/// </summary>
internal static class EntryLists
{
    private static readonly string[] FilterKeys =
        ["type", "account_id", "category_id", "currency_id", "payee_id", "goal_id", "payment_type", "planned", "confirmed", "waranty", "label", "amount", "date_time", "exclude_from_stats"];

    public static async Task<IResult> ListAsync(EntryType? type, Guid? goal, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var query = http.Request.Query;
        int? page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : query.ContainsKey("page") ? 0 : null;
        int? perPage = int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var pp) ? pp : query.ContainsKey("per_page") ? 0 : null;
        var request = Pagination.Read(page, perPage, query["cursor"], validation);

        var counts = new EntryCountScope();
        var entries = db.Entries.Where(e => e.WorkspaceId == scope.WorkspaceId);
        if (type is { } t)
        {
            entries = entries.Where(e => e.Type == t);
            counts.Types([t]);
        }
        if (goal is { } goalUuid)
        {
            var goalId = await db.Goals.Where(g => g.Uuid == goalUuid && g.WorkspaceId == scope.WorkspaceId).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct);
            if (goalId is null)
            {
                return Problems.NotFound("The goal");
            }
            entries = entries.Where(e => e.GoalId == goalId);
            counts.Uncountable();
        }
        // The original hid planned entries from typed lists unless asked (a cast slip); here absent means both.
        if (query.TryGetValue("planned", out var plannedText) && plannedText.ToString().Length > 0 && Bool(plannedText, "planned", validation) is { } planned)
        {
            entries = entries.Where(e => e.Planned == planned);
            counts.Planned(planned);
        }
        entries = await ApplyFiltersAsync(entries, query, scope, db, info, counts, validation, ct);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        // Newest first; the keyset (date_time, id) continues exactly after the last row a client saw.
        var after = request.After is { } a ? entries.Where(e => e.DateTime < a.At || (e.DateTime == a.At && e.Id < a.Id)) : entries;
        var rows = await EntryResponse.Include(after.OrderByDescending(e => e.DateTime).ThenByDescending(e => e.Id))
            .Skip(request.Offset).Take(request.PerPage + 1).ToListAsync(ct);
        var hasMore = rows.Count > request.PerPage;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        var (total, exact) = counts.Countable
            ? (await counts.TotalAsync(db, scope.WorkspaceId, ct), true)
            : await Pagination.BoundedCountAsync(entries, ct);
        var last = rows.Count > 0 ? new Keyset(rows[^1].DateTime, rows[^1].Id) : (Keyset?)null;
        var data = rows.Select(e => EntryResponse.From(e, info)).ToList();
        return TypedResults.Ok(Pagination.Build(data, request, total, exact, hasMore, last));
    }

    public static async Task<IResult> ShowAsync(EntryType? type, string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var entry = Guid.TryParse(uuid, out var id)
            ? await EntryResponse.Query(db, scope.WorkspaceId).FirstOrDefaultAsync(e => e.Uuid == id, ct)
            : null;
        if (entry is null || (type is { } t && entry.Type != t))
        {
            return Problems.NotFound("The entry");
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, entry.Version);
        return TypedResults.Ok(EntryResponse.From(entry, info));
    }

    private static async Task<IQueryable<Entry>> ApplyFiltersAsync(IQueryable<Entry> entries, IQueryCollection query, WorkspaceScope scope, BudgetDbContext db, WorkspaceInfo info, EntryCountScope counts, Validation validation, CancellationToken ct)
    {
        foreach (var (rawKey, values) in query)
        {
            if (!rawKey.StartsWith("filters[", StringComparison.Ordinal) || !rawKey.EndsWith(']'))
            {
                continue;
            }
            var key = rawKey[8..^1];
            var value = values.ToString();
            if (!FilterKeys.Contains(key))
            {
                validation.Add(rawKey, $"is not a filter; use one of {string.Join(", ", FilterKeys)}.");
                continue;
            }
            var list = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (key is not ("type" or "account_id" or "planned"))
            {
                counts.Uncountable();
            }
            switch (key)
            {
                case "type":
                    var types = new List<EntryType>();
                    foreach (var item in list)
                    {
                        if (EnumNames.TryParse(item, out EntryType parsed))
                        {
                            types.Add(parsed);
                        }
                        else
                        {
                            validation.Add(rawKey, $"'{item}' is not an entry type.");
                        }
                    }
                    entries = entries.Where(e => types.Contains(e.Type));
                    counts.Types(types);
                    break;
                case "account_id":
                    var wallets = await IdsAsync(list, rawKey, validation, uuids => db.Wallets.IgnoreQueryFilters().Where(w => w.WorkspaceId == scope.WorkspaceId && uuids.Contains(w.Uuid)).Select(w => w.Id), ct);
                    entries = entries.Where(e => e.WalletId != null && wallets.Contains(e.WalletId.Value));
                    counts.Wallets(wallets);
                    break;
                case "payee_id":
                    var payees = await IdsAsync(list, rawKey, validation, uuids => db.Payees.IgnoreQueryFilters().Where(x => x.WorkspaceId == scope.WorkspaceId && uuids.Contains(x.Uuid)).Select(x => x.Id), ct);
                    entries = entries.Where(e => e.PayeeId != null && payees.Contains(e.PayeeId.Value));
                    break;
                case "goal_id":
                    var goals = await IdsAsync(list, rawKey, validation, uuids => db.Goals.IgnoreQueryFilters().Where(x => x.WorkspaceId == scope.WorkspaceId && uuids.Contains(x.Uuid)).Select(x => x.Id), ct);
                    entries = entries.Where(e => e.GoalId != null && goals.Contains(e.GoalId.Value));
                    break;
                case "label":
                    var lowered = list.Select(l => l.ToLowerInvariant()).ToList();
                    var labelUuids = list.Select(l => Guid.TryParse(l, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
                    entries = entries.Where(e => e.Labels.Any(l => labelUuids.Contains(l.Uuid) || lowered.Contains(l.Name.ToLower())));
                    break;
                case "category_id":
                    var categories = Ints(list, rawKey, validation);
                    entries = entries.Where(e => categories.Contains(e.CategoryId));
                    break;
                case "currency_id":
                    var currencies = Ints(list, rawKey, validation);
                    entries = entries.Where(e => currencies.Contains(e.CurrencyId));
                    break;
                case "payment_type":
                    var paymentTypes = Ints(list, rawKey, validation);
                    entries = entries.Where(e => paymentTypes.Contains(e.PaymentTypeId));
                    break;
                case "planned":
                    if (Bool(value, rawKey, validation) is { } planned)
                    {
                        entries = entries.Where(e => e.Planned == planned);
                        counts.Planned(planned);
                    }
                    break;
                case "confirmed":
                    entries = Bool(value, rawKey, validation) is { } confirmed ? entries.Where(e => e.Confirmed == confirmed) : entries;
                    break;
                case "waranty":
                    entries = Bool(value, rawKey, validation) is { } waranty ? entries.Where(e => e.Waranty == waranty) : entries;
                    break;
                case "exclude_from_stats":
                    entries = Bool(value, rawKey, validation) is { } excluded ? entries.Where(e => e.ExcludeFromStats == excluded) : entries;
                    break;
                case "amount":
                    if (Comparison(value, rawKey, validation) is var (op, operand) && Money(operand, rawKey, info, validation) is { } minor)
                    {
                        entries = Compare(entries, op, minor);
                    }
                    break;
                case "date_time":
                    if (Comparison(value, rawKey, validation) is var (dateOp, dateText))
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
                            validation.Add(rawKey, "is not a date.");
                        }
                    }
                    break;
            }
        }

        if (new[] { "date_from", "date_to", "amount_min", "amount_max", "q" }.Any(k => query.TryGetValue(k, out var v) && v.ToString().Trim().Length > 0))
        {
            counts.Uncountable();
        }
        if (query.TryGetValue("date_from", out var from) && from.ToString().Length > 0)
        {
            if (info.TryParseDay(from.ToString(), out var day))
            {
                var start = StartOfDay(day, info);
                entries = entries.Where(e => e.DateTime >= start);
            }
            else
            {
                validation.Add("date_from", "must be a date yyyy-MM-dd.");
            }
        }
        if (query.TryGetValue("date_to", out var to) && to.ToString().Length > 0)
        {
            if (info.TryParseDay(to.ToString(), out var day))
            {
                var end = StartOfDay(day.AddDays(1), info);
                entries = entries.Where(e => e.DateTime < end);
            }
            else
            {
                validation.Add("date_to", "must be a date yyyy-MM-dd.");
            }
        }
        if (query.TryGetValue("amount_min", out var min) && min.ToString().Length > 0 && Money(min.ToString(), "amount_min", info, validation) is { } minMinor)
        {
            entries = entries.Where(e => e.BaseAmount >= minMinor);
        }
        if (query.TryGetValue("amount_max", out var max) && max.ToString().Length > 0 && Money(max.ToString(), "amount_max", info, validation) is { } maxMinor)
        {
            entries = entries.Where(e => e.BaseAmount <= maxMinor);
        }
        if (query.TryGetValue("q", out var text) && text.ToString().Trim().Length > 0)
        {
            var needle = text.ToString().Trim().ToLowerInvariant();
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

    private static (string Op, string Value)? Comparison(string text, string key, Validation validation)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return ("=", text);
        }
        var op = text[..bar];
        if (op is not ("=" or "<" or "<=" or ">" or ">=" or "!="))
        {
            validation.Add(key, "the operator must be one of = < <= > >= !=.");
            return null;
        }
        return (op, text[(bar + 1)..]);
    }

    private static long? Money(string text, string key, WorkspaceInfo info, Validation validation)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && MoneyFormat.TryToMinor(value, info.BaseMinorUnits, out var minor))
        {
            return minor;
        }
        validation.Add(key, $"must be an amount in {info.BaseCurrencyCode}.");
        return null;
    }

    internal static bool? Bool(string? text, string key, Validation validation)
    {
        switch (text?.ToLowerInvariant())
        {
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                validation.Add(key, "must be true, false, 1 or 0.");
                return null;
        }
    }

    internal static List<int> Ints(string[] list, string key, Validation validation)
    {
        var result = new List<int>();
        foreach (var item in list)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                result.Add(n);
            }
            else
            {
                validation.Add(key, $"'{item}' is not a number.");
            }
        }
        return result;
    }

    internal static async Task<List<int>> IdsAsync(string[] list, string key, Validation validation, Func<List<Guid>, IQueryable<int>> lookup, CancellationToken ct)
    {
        var uuids = new List<Guid>();
        foreach (var item in list)
        {
            if (Guid.TryParse(item, out var g))
            {
                uuids.Add(g);
            }
            else
            {
                validation.Add(key, $"'{item}' is not a uuid.");
            }
        }
        // Another workspace's uuids simply match nothing.
        return uuids.Count == 0 ? [] : await lookup(uuids).ToListAsync(ct);
    }
}
