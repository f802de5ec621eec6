using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Clients;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// <c>POST /api/find?page=&amp;per_page=&amp;cursor=</c>: the workspace's entries whose note, payee, labels,
/// category or wallet match every word of <c>text</c>, AND-combined with the filters, ranked (whole words
/// of the note and names first, then parts of words), then newest first. Each rank tier is one statement
/// ordered as the entries' date index and limited to the page (and a few pages ahead for the total): note
/// words are tested with the full-text index's expressions (<see cref="NoteIndex"/>); words matching a label,
/// payee, wallet or category name are resolved first on those small tables to ids (docs/decisions/0009-search.md).
/// </summary>
internal static class Find
{
    private const int DefaultPerPage = 30;
    private const int MaxPerPage = 100;

    /// <summary>
    /// The pages read ahead of the requested one (this one included): the matches found there are the total,
    /// exact when they end before (<c>total_exact</c>), a lower bound otherwise.
    /// </summary>
    private const int CountedPages = 3;

    /// <summary>The rank of an entry that every word matches as a whole word (of the note or a name).</summary>
    private const int WholeWords = 2;

    /// <summary>The rank of an entry that a word matches only as a part of a word.</summary>
    private const int PartsOfWords = 1;

    /// <summary>Sub-categories (reference data) by their folded name and their category's, for matching words.</summary>
    private static readonly List<(int Id, string Name)> CategoryNames = ReferenceData.SubCategories
        .Select(s => (s.Id, SearchTerms.Fold(s.Name + " " + ReferenceData.CategoryById(s.CategoryId)!.Name))).ToList();

    /// <summary>A row of the ranked list: what the order and the cursor need.</summary>
    private readonly record struct Hit(int Id, DateTime At, int Rank);

    public static async Task<Results<Ok<FindAnswer>, ValidationProblem>> Handle(
        FindRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, SearchSettings settings, SearchNamesCache nameCache, CancellationToken ct)
    {
        request ??= new FindRequest(null, null, null, null, null, null, null, null, null);
        var ws = scope.WorkspaceId;
        var info = await WorkspaceInfo.LoadAsync(db, ws, ct);
        var validation = new Validation();
        var page = new ListQuery(http.Request.Query, validation).Page(DefaultPerPage, MaxPerPage);

        var text = Text(request.Text, validation);
        var terms = text is null ? [] : SearchTerms.Split(text);
        var walletUuids = BodyLists.Uuids(request.Account, "account", validation);
        var categories = BodyLists.Ints(request.Category, "category", validation);
        var types = Types(request.Type, validation);
        var labelUuids = BodyLists.Uuids(request.Tags, "tags", validation);
        var planned = Flag(request.Planned, "planned", validation);
        var (from, until) = Dates(request.DateTime, info, validation);
        var min = Amount(request.AmountMin, "amount_min", info, validation);
        var max = Amount(request.AmountMax, "amount_max", info, validation);

        var filtered = walletUuids is not null || categories is not null || types is not null || labelUuids is not null
            || from is not null || until is not null || min is not null || max is not null;
        if (text is not null && terms.Count == 0)
        {
            validation.Add("text", "must contain a letter or a digit.");
        }
        else if (terms.Count > SearchTerms.MaxTerms)
        {
            validation.Add("text", $"may have at most {SearchTerms.MaxTerms} words.");
        }
        else if (text is null && !filtered)
        {
            validation.Add("text", "give a text to search for, or at least one filter.");
        }
        if (min is not null && max is not null && min > max)
        {
            validation.Add("amount_min", "must not be greater than amount_max.");
        }
        if (from is not null && until is not null && from >= until)
        {
            validation.Add("date_time", "the start must be before the end.");
        }
        foreach (var unknown in categories?.Where(c => !ReferenceData.IsSubCategory(c)) ?? [])
        {
            validation.Add("category", $"{unknown} is not a sub-category.");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        // The workspace filter is added below, once it is known which index should lead.
        var entries = db.Entries.AsQueryable();
        // As the original: without planned = true only entries that are not planned.
        if (planned != true)
        {
            entries = entries.Where(e => !e.Planned);
        }
        if (walletUuids is not null)
        {
            // Another workspace's uuids resolve to nothing, so they find nothing.
            var wallets = await db.Wallets.IgnoreQueryFilters().IdsOfAsync(ws, walletUuids, ct);
            entries = entries.Where(e => e.WalletId != null && wallets.Contains(e.WalletId.Value));
        }
        if (categories is not null)
        {
            entries = entries.Where(e => categories.Contains(e.CategoryId));
        }
        if (types is not null)
        {
            entries = entries.Where(e => types.Contains(e.Type));
        }
        if (labelUuids is not null)
        {
            var labels = await db.Labels.IgnoreQueryFilters().IdsOfAsync(ws, labelUuids, ct);
            entries = entries.Where(e => e.Labels.Any(l => labels.Contains(l.Id)));
        }
        if (from is { } start)
        {
            entries = entries.Where(e => e.DateTime >= start);
        }
        if (until is { } end)
        {
            entries = entries.Where(e => e.DateTime < end);
        }
        if (min is { } low)
        {
            entries = entries.Where(e => e.BaseAmount >= low);
        }
        if (max is { } high)
        {
            entries = entries.Where(e => e.BaseAmount <= high);
        }

        // The rank tiers, best first, each read newest first and only as far as the page needs: an index walk
        // for a common word, an index look-up for a rare one (docs/decisions/0009-search.md).
        List<(int Rank, IQueryable<Entry> Rows)> tiers;
        var names = await nameCache.GetAsync(db, ws, ct);
        var (any, whole, listed) = await MatchAsync(db, settings, names, terms, ct);
        // A word listed from the index bounds the matches to that short list: SQLite must then read those rows by
        // id, but without statistics it would walk the workspace's date index instead (its guess for workspace_id = ?
        // is 10 rows; measured: every entry of the workspace read for a rare word). "+ 0" keeps it off that index.
        entries = listed ? entries.Where(e => e.WorkspaceId + 0 == ws) : entries.Where(e => e.WorkspaceId == ws);
        if (whole is null)
        {
            tiers = [(0, entries)];
        }
        else if (any is null)
        {
            // No word can match only a part of a note word or name: the second tier would be empty (one statement less).
            tiers = [(WholeWords, entries.Where(whole))];
        }
        else
        {
            tiers = [(WholeWords, entries.Where(whole)), (PartsOfWords, entries.Where(any).Where(Not(whole)))];
        }

        // The page and up to CountedPages - 1 pages after it: their count is the total (exact when the matches end
        // there), so no query counts every match.
        var limit = page.PerPage * CountedPages + 1;
        var skip = page.Offset;
        var rows = new List<Hit>();
        foreach (var (tierRank, tier) in tiers)
        {
            var tierRows = tier;
            if (page.After is { } after)
            {
                if (tierRank > after.Rank)
                {
                    continue;
                }
                if (tierRank == after.Rank)
                {
                    // The first bound (implied by the second) is the range the index seeks to; the OR alone would be a filter.
                    tierRows = tierRows.Where(e => e.DateTime <= after.At && (e.DateTime < after.At || (e.DateTime == after.At && e.Id < after.Id)));
                }
            }
            var read = await tierRows.OrderByDescending(e => e.DateTime).ThenByDescending(e => e.Id)
                .Skip(skip).Take(limit - rows.Count).Select(e => new { e.Id, e.DateTime }).ToListAsync(ct);
            if (read.Count == 0 && skip > 0)
            {
                // The offset reaches past this tier: the next tier skips what is left (counted no further than the offset).
                skip -= await tierRows.Take(skip).CountAsync(ct);
            }
            else
            {
                skip = 0;
            }
            rows.AddRange(read.Select(r => new Hit(r.Id, r.DateTime, tierRank)));
            if (rows.Count >= limit)
            {
                break;
            }
        }
        var total = (long)page.Offset - skip + rows.Count;
        var exact = rows.Count < limit;
        var hasMore = rows.Count > page.PerPage;
        if (hasMore)
        {
            rows.RemoveRange(page.PerPage, rows.Count - page.PerPage);
        }

        var found = await PageAsync(db, ws, rows.Select(r => r.Id).ToList(), ct);
        var data = rows.Where(r => found.ContainsKey(r.Id))
            .Select(r => SearchResult.From(found[r.Id].Entry, found[r.Id].Labels, names, r.Rank, scope.WorkspaceUuid, info)).ToList();

        var current = page.After is null ? page.Page : 1;
        var pages = (int)Math.Clamp((total + page.PerPage - 1) / page.PerPage, 1, int.MaxValue);
        if (hasMore && pages <= current)
        {
            pages = current + 1;
        }
        var cursor = hasMore && rows.Count > 0 ? new Keyset(rows[^1].At, rows[^1].Id, rows[^1].Rank).Encode() : null;
        return TypedResults.Ok(new FindAnswer(data,
            new FindPagination(current, page.PerPage, total, pages, hasMore, current > 1, exact, cursor), Cached: false));
    }

    /// <summary>
    /// The page's entries by id, with the ids of their labels (their names, wallets and payees come from
    /// <see cref="SearchNames"/>). PostgreSQL: one statement, the labels joined to the page's rows. SQLite materializes
    /// the right side of a LEFT JOIN that is itself a join (every label link of the database), so there the label links
    /// are a second statement by the page's ids, as the entry list reads them.
    /// </summary>
    private static async Task<Dictionary<int, (Entry Entry, List<int> Labels)>> PageAsync(BudgetDbContext db, int ws, List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var entries = db.Entries.AsNoTracking().Where(e => e.WorkspaceId == ws && ids.Contains(e.Id));
        if (db.Database.IsNpgsql())
        {
            return await entries.Select(e => new { Entry = e, Labels = e.Labels.Select(l => l.Id).ToList() })
                .ToDictionaryAsync(r => r.Entry.Id, r => (r.Entry, r.Labels), ct);
        }
        var found = await entries.ToDictionaryAsync(e => e.Id, e => (Entry: e, Labels: new List<int>()), ct);
        var links = await db.Entries.IgnoreQueryFilters().Where(e => ids.Contains(e.Id))
            .SelectMany(e => e.Labels, (e, l) => new { Entry = e.Id, Label = l.Id }).ToListAsync(ct);
        foreach (var link in links)
        {
            if (found.TryGetValue(link.Entry, out var row))
            {
                row.Labels.Add(link.Label);
            }
        }
        return found;
    }

    /// <summary>
    /// The text's conditions, null without words: <c>Any</c>, every word matches the note (whole word or part
    /// of one), the payee, a label, the category or the wallet; <c>Whole</c>, every word is a whole word of the
    /// note or of one of those names (which implies <c>Any</c>). <c>Any</c> is null when it means the same as <c>Whole</c>
    /// (no word can match a part only: words shorter than trigrams and no name containing them but as a whole word).
    /// </summary>
    private static async Task<(Expression<Func<Entry, bool>>? Any, Expression<Func<Entry, bool>>? Whole, bool Listed)> MatchAsync(
        BudgetDbContext db, SearchSettings settings, SearchNames names, List<string> terms, CancellationToken ct)
    {
        if (terms.Count == 0)
        {
            return (null, null, false);
        }
        var listed = false;
        var partsPossible = false;
        var e = Expression.Parameter(typeof(Entry), "e");
        Expression? all = null;
        Expression? allWhole = null;
        // The workspace's names, a few hundred rows at most, folded once and matched here.
        var labels = Folded(names.Labels);
        var payees = Folded(names.Payees);
        var wallets = Folded(names.Wallets);
        var categories = CategoryNames;
        foreach (var term in terms)
        {
            var words = await NoteIndex.WordsAsync(db, settings, term, ct);
            var inWords = Rebind(words.Matches, e);
            var parts = (NoteCondition?)null;
            Expression any = inWords;
            Expression whole = inWords;
            if (term.Length >= SearchTerms.MinPartialLength)
            {
                // Parts first: the cheaper test on a walked row. Where the parts include the whole words, the word
                // test is left out of this condition: it ran on every walked row (20 ms for "pharm" at 100k entries).
                parts = await NoteIndex.PartsAsync(db, settings, term, ct);
                var inParts = Rebind(parts.Matches, e);
                any = NoteIndex.PartsIncludeWholeWords(db) ? inParts : Expression.OrElse(inParts, inWords);
            }
            var (labelIds, wholeLabels) = Matching(labels, term);
            var (payeeIds, wholePayees) = Matching(payees, term);
            var (walletIds, wholeWallets) = Matching(wallets, term);
            var (categoryIds, wholeCategories) = Matching(categories, term);
            if (labelIds.Count > 0)
            {
                any = Expression.OrElse(any, Rebind(x => x.Labels.Any(l => labelIds.Contains(l.Id)), e));
            }
            if (wholeLabels.Count > 0)
            {
                whole = Expression.OrElse(whole, Rebind(x => x.Labels.Any(l => wholeLabels.Contains(l.Id)), e));
            }
            if (payeeIds.Count > 0)
            {
                any = Expression.OrElse(any, Rebind(x => x.PayeeId != null && payeeIds.Contains(x.PayeeId.Value), e));
            }
            if (wholePayees.Count > 0)
            {
                whole = Expression.OrElse(whole, Rebind(x => x.PayeeId != null && wholePayees.Contains(x.PayeeId.Value), e));
            }
            if (walletIds.Count > 0)
            {
                any = Expression.OrElse(any, Rebind(x => x.WalletId != null && walletIds.Contains(x.WalletId.Value), e));
            }
            if (wholeWallets.Count > 0)
            {
                whole = Expression.OrElse(whole, Rebind(x => x.WalletId != null && wholeWallets.Contains(x.WalletId.Value), e));
            }
            if (categoryIds.Count > 0)
            {
                any = Expression.OrElse(any, Rebind(x => categoryIds.Contains(x.CategoryId), e));
            }
            if (wholeCategories.Count > 0)
            {
                whole = Expression.OrElse(whole, Rebind(x => wholeCategories.Contains(x.CategoryId), e));
            }
            // Every match of the text is in this word's lists when nothing else can match it.
            partsPossible |= parts is not null || labelIds.Count != wholeLabels.Count || payeeIds.Count != wholePayees.Count
                || walletIds.Count != wholeWallets.Count || categoryIds.Count != wholeCategories.Count;
            listed |= words.Listed && (parts?.Listed ?? true) && labelIds.Count + payeeIds.Count + walletIds.Count + categoryIds.Count == 0;
            all = all is null ? any : Expression.AndAlso(all, any);
            allWhole = allWhole is null ? whole : Expression.AndAlso(allWhole, whole);
        }
        return (partsPossible ? Expression.Lambda<Func<Entry, bool>>(all!, e) : null, Expression.Lambda<Func<Entry, bool>>(allWhole!, e), listed);
    }

    private static Expression<Func<Entry, bool>> Not(Expression<Func<Entry, bool>> condition) =>
        Expression.Lambda<Func<Entry, bool>>(Expression.Not(condition.Body), condition.Parameters);

    private static List<(int Id, string Name)> Folded(Dictionary<int, NamedRow> rows) =>
        rows.Values.Select(r => (r.Id, r.Folded)).ToList();

    /// <summary>The ids whose folded name contains <paramref name="term"/>, and those of which it is a whole word.</summary>
    private static (List<int> Any, List<int> Exact) Matching(List<(int Id, string Name)> names, string term)
    {
        var any = names.Where(n => n.Name.Contains(term, StringComparison.Ordinal)).ToList();
        var exact = any.Where(n => SearchTerms.Split(n.Name).Contains(term)).Select(n => n.Id).ToList();
        return (any.Select(n => n.Id).ToList(), exact);
    }

    private static Expression Rebind(Expression<Func<Entry, bool>> condition, ParameterExpression e) =>
        new ParameterSwap(condition.Parameters[0], e).Visit(condition.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private static string? Text(JsonElement? value, Validation validation)
    {
        switch (value)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case { ValueKind: JsonValueKind.String } s:
                var text = s.GetString()!.Trim();
                if (text.Length > SearchTerms.MaxTextLength)
                {
                    validation.Add("text", $"may have at most {SearchTerms.MaxTextLength} characters.");
                    return null;
                }
                return text.Length == 0 ? null : text;
            default:
                validation.Add("text", "must be a string.");
                return null;
        }
    }

    private static List<EntryType>? Types(JsonElement? value, Validation validation)
    {
        if (BodyLists.Strings(value, "type", validation) is not { } names)
        {
            return null;
        }
        var types = new List<EntryType>();
        foreach (var name in names)
        {
            if (EnumNames.TryParse(name, out EntryType type))
            {
                types.Add(type);
            }
            else
            {
                validation.Add("type", $"'{name}' is not an entry type.");
            }
        }
        return types;
    }

    private static bool? Flag(JsonElement? value, string field, Validation validation)
    {
        if (value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            return null;
        }
        if (LenientBoolean.TryRead(value.Value, out var flag))
        {
            return flag;
        }
        validation.Add(field, LenientBoolean.Expected);
        return null;
    }

    /// <summary>
    /// <c>date_time</c>: <c>[start, end]</c> (the original) or <c>{start, end}</c>, either side null or absent.
    /// Both ends included: a date without a time ends with its whole day in the workspace's time zone.
    /// Returns the half-open instants [from, until).
    /// </summary>
    private static (DateTime? From, DateTime? Until) Dates(JsonElement? value, WorkspaceInfo info, Validation validation)
    {
        if (value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            return (null, null);
        }
        JsonElement? start = null, end = null;
        var v = value.Value;
        if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() <= 2)
        {
            var items = v.EnumerateArray().ToList();
            start = items.Count > 0 ? items[0] : null;
            end = items.Count > 1 ? items[1] : null;
        }
        else if (v.ValueKind == JsonValueKind.Object)
        {
            start = v.TryGetProperty("start", out var s) ? s : null;
            end = v.TryGetProperty("end", out var en) ? en : null;
        }
        else
        {
            validation.Add("date_time", "must be [start, end] or {\"start\": ..., \"end\": ...}.");
            return (null, null);
        }
        DateTime? from = null, until = null;
        if (Date(start, validation) is { } first)
        {
            from = first.ToUtc(info.TimeZone);
        }
        if (Date(end, validation) is { } last)
        {
            until = last.Time is null
                ? new ClientDate(last.Day.AddDays(1), null, last.Offset).ToUtc(info.TimeZone)
                : last.ToUtc(info.TimeZone).AddTicks(1);
        }
        return (from, until);
    }

    private static ClientDate? Date(JsonElement? value, Validation validation)
    {
        if (value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            return null;
        }
        if (value.Value.ValueKind == JsonValueKind.String && ClientDates.TryParse(value.Value.GetString(), out var date))
        {
            return date;
        }
        validation.Add("date_time", "must hold dates such as 2026-11-01 or 2026-11-01 12:30:00.");
        return null;
    }

    private static long? Amount(JsonElement? value, string field, WorkspaceInfo info, Validation validation)
    {
        if (value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            return null;
        }
        var v = value.Value;
        if ((v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var amount)
                || v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out amount))
            && MoneyFormat.TryToMinor(amount, info.BaseMinorUnits, out var minor))
        {
            return minor;
        }
        validation.Add(field, $"must be an amount in {info.BaseCurrencyCode}.");
        return null;
    }
}
