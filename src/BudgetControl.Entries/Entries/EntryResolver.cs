using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// Turns an <see cref="EntryRequest"/> into entry fields: validates it, resolves the wallet, category,
/// currency, payment type, payee, goal and labels within the workspace, applies the sign rules, converts
/// the amount into the wallet's and the workspace's currency, and decides <c>planned</c>.
/// Every problem is returned (400 naming the field, or 404 for an id of another workspace), never thrown.
/// </summary>
internal sealed class EntryResolver(BudgetDbContext db, WorkspaceScope scope, WorkspaceInfo info, TimeProvider clock)
{
    private readonly Validation _validation = new();
    private readonly Dictionary<int, Currency> _currencies = [];

    public IResult? Problem { get; private set; }

    /// <summary>Fills <paramref name="entry"/> for <paramref name="type"/>; false (with <see cref="Problem"/>) when the request is refused.</summary>
    public async Task<bool> ApplyAsync(EntryRequest request, EntryType type, Entry entry, CancellationToken ct)
    {
        var isNew = entry.Id == 0;
        if (request.Amount is null)
        {
            _validation.Add("amount", "is required.");
        }
        var when = entry.DateTime;
        if (request.DateTime is not null || isNew)
        {
            if (!info.TryParseInstant(request.DateTime, out when))
            {
                _validation.Add("date_time", "is required: a date and time such as 2025-03-28 10:38 (workspace time) or 2025-03-28T10:38:00+01:00.");
            }
        }
        _validation.MaxLength("note", request.Note, 4000);

        var wallet = await WalletAsync("account_id", request.AccountId ?? (isNew ? null : await WalletUuidAsync(entry.WalletId, ct)), required: true, ct);
        if (Problem is not null)
        {
            return false;
        }

        var currency = await CurrencyAsync(request.CurrencyId, wallet?.CurrencyId ?? info.BaseCurrencyId, ct);
        var category = CategoryFor(type, request.CategoryId, isNew ? null : entry.CategoryId);
        await CheckCategoryAsync(category, ct);
        var paymentType = request.PaymentType ?? (isNew ? info.DefaultPaymentTypeId : entry.PaymentTypeId);
        await CheckPaymentTypeAsync(paymentType, ct);

        long amount = 0;
        if (request.Amount is { } value && currency is not null)
        {
            TryMinorAmount(value, currency, type, out amount);
        }

        int? payeeId = null;
        int? goalId = null;
        if (type == EntryType.Debit)
        {
            payeeId = await PayeeAsync(request.PayeeId, isNew ? null : entry.PayeeId, ct);
        }
        else if (type is EntryType.Expenses or EntryType.Incoming)
        {
            payeeId = await OptionalPayeeAsync(request.PayeeId, isNew ? null : entry.PayeeId, ct);
        }
        if (type == EntryType.Saving)
        {
            goalId = await GoalAsync(request.GoalId, isNew ? null : entry.GoalId, ct);
        }
        if (Problem is not null)
        {
            return false;
        }
        var labels = await LabelsAsync(request.Labels, ct);
        if (Problem is not null)
        {
            return false;
        }

        long walletAmount = 0;
        long baseAmount = 0;
        if (_validation.IsValid && currency is not null && wallet is not null)
        {
            var converted = await ConvertAsync(amount, currency, wallet.CurrencyId, ct);
            var inBase = await ConvertAsync(amount, currency, info.BaseCurrencyId, ct);
            if (converted is null || inBase is null)
            {
                return false;
            }
            walletAmount = converted.Value;
            baseAmount = inBase.Value;
        }
        if (!_validation.IsValid)
        {
            Problem = TypedResults.ValidationProblem(_validation.Errors);
            return false;
        }

        entry.WorkspaceId = scope.WorkspaceId;
        entry.Type = type;
        entry.Transfer = type == EntryType.Transfer;
        entry.Amount = amount;
        entry.CurrencyId = currency!.Id;
        entry.WalletAmount = walletAmount;
        entry.BaseAmount = baseAmount;
        entry.DateTime = when;
        entry.Planned = when > clock.GetUtcNow().UtcDateTime;
        entry.Note = request.Note ?? (isNew ? null : entry.Note);
        entry.CategoryId = category;
        entry.WalletId = wallet!.Id;
        entry.PaymentTypeId = paymentType;
        entry.PayeeId = payeeId;
        entry.GoalId = goalId;
        entry.Confirmed = request.Confirmed ?? (isNew || entry.Confirmed);
        entry.Waranty = request.Waranty ?? entry.Waranty;
        entry.Installment = request.Installment ?? entry.Installment;
        entry.ExcludeFromStats = request.ExcludeFromStats ?? entry.ExcludeFromStats;
        if (request.Geolocation is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } geo)
        {
            entry.Geolocation = geo.GetRawText();
        }
        if (labels is not null)
        {
            entry.Labels.Clear();
            entry.Labels.AddRange(labels);
        }
        return true;
    }

    /// <summary>The 62 "savings" sub-category, the natural default for deposits into a goal.</summary>
    private const int SavingsSubCategory = 62;

    /// <summary>
    /// The sub-category of a row of <paramref name="type"/>: forced for debits (55) and transfers (75),
    /// otherwise the requested one, else the <paramref name="current"/> one, else the type's default.
    /// </summary>
    public static int CategoryFor(EntryType type, int? requested, int? current) => type switch
    {
        EntryType.Debit => ReferenceIds.DebitSubCategory,
        EntryType.Transfer => ReferenceIds.TransferSubCategory,
        EntryType.Saving => requested ?? current ?? SavingsSubCategory,
        _ => requested ?? current ?? ReferenceIds.TransferSubCategory,
    };

    public async Task CheckCategoryAsync(int category, CancellationToken ct)
    {
        if (!await db.SubCategories.AnyAsync(s => s.Id == category, ct))
        {
            _validation.Add("category_id", "is not a known category.");
        }
    }

    public async Task CheckPaymentTypeAsync(int paymentType, CancellationToken ct)
    {
        if (!await db.PaymentTypes.AnyAsync(p => p.Id == paymentType, ct))
        {
            _validation.Add("payment_type", "is not a known payment type.");
        }
    }

    /// <summary>The entry type a template or plan names in its body; null (with a 400 on <c>type</c>) when missing or unknown.</summary>
    public EntryType? EntryTypeOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            _validation.Add("type", "is required: one of expenses, incoming, debit, saving, transfer.");
            return null;
        }
        if (!EnumNames.TryParse(text.Trim(), out EntryType type))
        {
            _validation.Add("type", $"'{text}' is not an entry type: use expenses, incoming, debit, saving or transfer.");
            return null;
        }
        return type;
    }

    /// <summary>
    /// <paramref name="value"/> in minor units of <paramref name="currency"/>, checked against the sign
    /// rules of <paramref name="type"/>; false (with a 400 on <c>amount</c>) when either fails.
    /// </summary>
    public bool TryMinorAmount(decimal value, Currency currency, EntryType type, out long amount)
    {
        if (!MoneyFormat.TryToMinor(value, currency.MinorUnits, out amount))
        {
            _validation.Add("amount", $"must have at most {currency.MinorUnits} decimals for {currency.Label}.");
            return false;
        }
        return CheckSign(type, amount);
    }

    /// <summary>A wallet of this workspace by uuid; another workspace's or an unknown one is a 404.</summary>
    public async Task<Wallet?> WalletAsync(string field, string? uuid, bool required, CancellationToken ct, int? workspaceId = null)
    {
        if (string.IsNullOrWhiteSpace(uuid))
        {
            if (required)
            {
                _validation.Add(field, "is required: the uuid of a wallet.");
            }
            return null;
        }
        var ws = workspaceId ?? scope.WorkspaceId;
        var wallet = Guid.TryParse(uuid, out var id)
            ? await db.Wallets.FirstOrDefaultAsync(w => w.Uuid == id && w.WorkspaceId == ws, ct)
            : null;
        if (wallet is null)
        {
            Problem = Problems.NotFound("The wallet");
        }
        return wallet;
    }

    public Validation Validation => _validation;

    private async Task<string?> WalletUuidAsync(int? walletId, CancellationToken ct) =>
        walletId is null ? null : (await db.Wallets.IgnoreQueryFilters().Where(w => w.Id == walletId).Select(w => w.Uuid).FirstAsync(ct)).ToString();

    private bool CheckSign(EntryType type, long amount)
    {
        switch (type)
        {
            case EntryType.Expenses when amount > 0:
                _validation.Add("amount", "must be zero or negative for an expense.");
                return false;
            case EntryType.Incoming when amount < 0:
                _validation.Add("amount", "must be zero or positive for an income.");
                return false;
            case EntryType.Saving when amount <= 0:
                _validation.Add("amount", "must be positive for a saving (money moved into the goal).");
                return false;
            case EntryType.Transfer when amount <= 0:
                _validation.Add("amount", "must be positive: it moves from account_id to transfer_id.");
                return false;
            default:
                return true;
        }
    }

    public async Task<Currency?> CurrencyAsync(JsonElement? requested, int fallback, CancellationToken ct)
    {
        Currency? currency = null;
        switch (requested)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == fallback, ct);
                break;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var id):
                currency = await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
                break;
            case { ValueKind: JsonValueKind.String } s:
                var text = s.GetString()!.Trim();
                currency = int.TryParse(text, out var numeric)
                    ? await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == numeric, ct)
                    : await db.Currencies.AsNoTracking().FirstOrDefaultAsync(c => c.Label == text.ToUpperInvariant(), ct);
                break;
        }
        if (currency is null)
        {
            _validation.Add("currency_id", "is not a known currency (an id or an ISO code such as EUR).");
            return null;
        }
        _currencies[currency.Id] = currency;
        return currency;
    }

    /// <summary>Converts with the workspace's rates (units of the base currency per unit); 400 when a rate is missing.</summary>
    public async Task<long?> ConvertAsync(long amount, Currency from, int toCurrencyId, CancellationToken ct)
    {
        if (from.Id == toCurrencyId)
        {
            return amount;
        }
        var to = _currencies.GetValueOrDefault(toCurrencyId) ?? await db.Currencies.AsNoTracking().FirstAsync(c => c.Id == toCurrencyId, ct);
        _currencies[to.Id] = to;
        var fromRate = await RateAsync(from.Id, ct);
        var toRate = await RateAsync(to.Id, ct);
        if (fromRate is null || toRate is null)
        {
            var missing = fromRate is null ? from.Label : to.Label;
            Problem = Problems.Invalid("currency_id", $"No exchange rate for {missing} in this workspace: set one with PUT /api/currencies/rates/{missing}.");
            return null;
        }
        return MoneyFormat.Convert(amount, from.MinorUnits, fromRate.Value / toRate.Value, to.MinorUnits);
    }

    private async Task<decimal?> RateAsync(int currencyId, CancellationToken ct)
    {
        if (currencyId == info.BaseCurrencyId)
        {
            return 1m;
        }
        var rates = await db.ExchangeRates.AsNoTracking()
            .Where(r => r.WorkspaceId == scope.WorkspaceId && r.CurrencyId == currencyId)
            .Select(r => r.Rate).ToListAsync(ct);
        return rates.Count == 0 ? null : rates[0];
    }

    /// <summary>A required payee by uuid (404 if not this workspace's) or by name (found or created here); <paramref name="current"/> when absent.</summary>
    public async Task<int?> PayeeAsync(JsonElement? requested, int? current, CancellationToken ct)
    {
        if (requested is null or { ValueKind: JsonValueKind.Null })
        {
            if (current is null)
            {
                _validation.Add("payee_id", "is required for a debit: the uuid or the name of a payee.");
            }
            return current;
        }
        if (requested.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(requested.Value.GetString()))
        {
            _validation.Add("payee_id", "must be the uuid or the name of a payee.");
            return null;
        }
        var text = requested.Value.GetString()!.Trim();
        if (Guid.TryParse(text, out var uuid))
        {
            var id = await db.Payees.Where(p => p.Uuid == uuid && p.WorkspaceId == scope.WorkspaceId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                Problem = Problems.NotFound("The payee");
            }
            return id;
        }
        if (text.Length > 255)
        {
            _validation.Add("payee_id", "must be at most 255 characters.");
            return null;
        }
        var lower = text.ToLowerInvariant();
        var existing = await db.Payees.Where(p => p.WorkspaceId == scope.WorkspaceId && p.Name.ToLower() == lower).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }
        // A debit with a new name creates the payee in this workspace (and only here: the original searched all workspaces).
        var payee = new Payee { WorkspaceId = scope.WorkspaceId, Name = text };
        db.Payees.Add(payee);
        await db.SaveChangesAsync(ct);
        return payee.Id;
    }

    /// <summary>As <see cref="PayeeAsync"/>, but absent keeps <paramref name="current"/> and JSON null clears it.</summary>
    public async Task<int?> OptionalPayeeAsync(JsonElement? requested, int? current, CancellationToken ct)
    {
        if (requested is null)
        {
            return current;
        }
        if (requested.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return await PayeeAsync(requested, null, ct);
    }

    /// <summary>A required goal of this workspace by uuid (404 otherwise); <paramref name="current"/> when absent.</summary>
    public async Task<int?> GoalAsync(string? requested, int? current, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            if (current is null)
            {
                _validation.Add("goal_id", "is required for a saving: the uuid of a goal.");
            }
            return current;
        }
        var id = Guid.TryParse(requested, out var uuid)
            ? await db.Goals.Where(g => g.Uuid == uuid && g.WorkspaceId == scope.WorkspaceId).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct)
            : null;
        if (id is null)
        {
            Problem = Problems.NotFound("The goal");
        }
        return id;
    }

    /// <summary>
    /// Labels by uuid, by name, or as <c>{name, color}</c>; names are found in this workspace
    /// (case-insensitively) or created there. Null means "keep the current labels".
    /// </summary>
    public async Task<List<Label>?> LabelsAsync(JsonElement? requested, CancellationToken ct)
    {
        if (requested is null or { ValueKind: JsonValueKind.Null })
        {
            return null;
        }
        if (requested.Value.ValueKind != JsonValueKind.Array)
        {
            _validation.Add("labels", "must be an array of label uuids, names or {name, color} objects.");
            return null;
        }
        var result = new List<Label>();
        foreach (var item in requested.Value.EnumerateArray())
        {
            string? name = null;
            string? color = null;
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    name = item.GetString();
                    break;
                case JsonValueKind.Object:
                    name = item.TryGetProperty("uuid", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()
                        : item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    color = item.TryGetProperty("color", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    break;
            }
            if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
            {
                _validation.Add("labels", "each label needs a uuid or a name of at most 255 characters.");
                return null;
            }
            Label? label;
            if (Guid.TryParse(name, out var uuid))
            {
                label = await db.Labels.FirstOrDefaultAsync(l => l.Uuid == uuid && l.WorkspaceId == scope.WorkspaceId, ct);
                if (label is null)
                {
                    Problem = Problems.NotFound("The label");
                    return null;
                }
            }
            else
            {
                var lower = name.Trim().ToLowerInvariant();
                label = result.FirstOrDefault(l => l.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? await db.Labels.FirstOrDefaultAsync(l => l.WorkspaceId == scope.WorkspaceId && l.Name.ToLower() == lower, ct);
                if (label is null)
                {
                    label = new Label { WorkspaceId = scope.WorkspaceId, Name = name.Trim(), Color = ValidColor(color) ?? "#000000" };
                    db.Labels.Add(label);
                }
            }
            if (!result.Contains(label))
            {
                result.Add(label);
            }
        }
        return result;
    }

    private static string? ValidColor(string? color) =>
        color is { Length: 4 or 7 or 9 } && color[0] == '#' && color.Skip(1).All(Uri.IsHexDigit) ? color : null;
}
