using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Names;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// Resolves the fields of an entry, template or plan request: validates them and looks up the wallet,
/// currency, category, payment type, payee, goal and labels within the workspace, applies the sign rules
/// and converts amounts. It only reads: a payee or label named for the first time comes back as a
/// <see cref="PayeeChoice"/> or <see cref="LabelChoice"/> that the write creates, in its transaction,
/// through <see cref="PayeeBook"/> and <see cref="LabelBook"/> (the Debt and Labels modules' rules).
/// Refusals are reported one way: <see cref="Failure"/> (a 400 naming the fields, or the 404 of an id of
/// another workspace, or a missing exchange rate) is null while the request is acceptable.
/// </summary>
internal sealed class EntryResolver(BudgetDbContext db, WorkspaceScope scope, WorkspaceInfo info, TimeProvider clock)
{
    /// <summary>The 62 "savings" sub-category, the natural default for deposits into a goal.</summary>
    private const int SavingsSubCategory = 62;

    private ProblemHttpResult? _refusal;

    /// <summary>The first refusal that is not a field error (a 404 of another workspace's id, a missing rate); null while none.</summary>
    public ProblemHttpResult? Refusal => _refusal;

    /// <summary>Field errors so far; handlers may add their own.</summary>
    public Validation Validation { get; } = new();

    /// <summary>What to answer instead of writing: the first refusal that is not a field error, else the field errors; null when none.</summary>
    public ProblemHttpResult? Failure => _refusal ?? (Validation.IsValid ? null : Problems.Fields(Validation));

    /// <summary>Resolves an expense, income, debit, saving or the source side of a transfer; null when refused (see <see cref="Failure"/>).</summary>
    public async Task<ResolvedEntry?> ResolveAsync(EntryRequest request, EntryType type, Entry entry, CancellationToken ct)
    {
        var isNew = entry.Id == 0;
        if (request.Amount is null)
        {
            Validation.Add("amount", "is required.");
        }
        var when = entry.DateTime;
        if ((request.DateTime is not null || isNew) && !info.TryParseInstant(request.DateTime, out when))
        {
            Validation.Add("date_time", "is required: a date and time such as 2025-03-28 10:38 (workspace time) or 2025-03-28T10:38:00+01:00.");
        }
        Validation.MaxLength("note", request.Note, 4000);

        var wallet = await WalletAsync("account_id", request.AccountId ?? (isNew ? null : await WalletUuidAsync(entry.WalletId, ct)), required: true, ct);
        if (_refusal is not null)
        {
            return null;
        }

        var currency = Currency(request.CurrencyId, wallet?.CurrencyId ?? info.BaseCurrencyId);
        var category = CategoryFor(type, request.CategoryId, isNew ? null : entry.CategoryId);
        CheckCategory(category);
        var paymentType = request.PaymentType ?? (isNew ? info.DefaultPaymentTypeId : entry.PaymentTypeId);
        CheckPaymentType(paymentType);

        long amount = 0;
        if (request.Amount is { } value && currency is not null)
        {
            TryMinorAmount(value, currency, type, out amount);
        }

        var payee = type switch
        {
            EntryType.Debit => await PayeeAsync(request.PayeeId, isNew ? null : entry.PayeeId, ct),
            EntryType.Expenses or EntryType.Incoming => await OptionalPayeeAsync(request.PayeeId, isNew ? null : entry.PayeeId, ct),
            _ => null,
        };
        var goalId = type == EntryType.Saving ? await GoalAsync(request.GoalId, isNew ? null : entry.GoalId, ct) : null;
        var labels = _refusal is null ? await LabelsAsync(request.Labels, ct) : null;

        long walletAmount = 0;
        long baseAmount = 0;
        if (Failure is null && currency is not null && wallet is not null)
        {
            walletAmount = await ConvertAsync(amount, currency, wallet.CurrencyId, ct) ?? 0;
            baseAmount = await ConvertAsync(amount, currency, info.BaseCurrencyId, ct) ?? 0;
        }
        if (Failure is not null)
        {
            return null;
        }
        return new ResolvedEntry(
            type, amount, currency!.Id, walletAmount, baseAmount, when, when > clock.GetUtcNow().UtcDateTime,
            request.Note ?? (isNew ? null : entry.Note), category, wallet!.Id, paymentType, payee, goalId,
            request.Confirmed ?? (isNew || entry.Confirmed), request.Waranty ?? entry.Waranty, request.Installment ?? entry.Installment,
            request.ExcludeFromStats ?? entry.ExcludeFromStats,
            request.Geolocation is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } geo ? geo.GetRawText() : entry.Geolocation,
            labels);
    }

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

    public void CheckCategory(int category)
    {
        if (!ReferenceData.IsSubCategory(category))
        {
            Validation.Add("category_id", "is not a known category.");
        }
    }

    public void CheckPaymentType(int paymentType)
    {
        if (!ReferenceData.IsPaymentType(paymentType))
        {
            Validation.Add("payment_type", "is not a known payment type.");
        }
    }

    /// <summary>The entry type a template or plan names in its body; null (with a 400 on <c>type</c>) when missing or unknown.</summary>
    public EntryType? EntryTypeOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Validation.Add("type", "is required: one of expenses, incoming, debit, saving, transfer.");
            return null;
        }
        if (!EnumNames.TryParse(text.Trim(), out EntryType type))
        {
            Validation.Add("type", $"'{text}' is not an entry type: use expenses, incoming, debit, saving or transfer.");
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
            Validation.Add("amount", $"must have at most {currency.MinorUnits} decimals for {currency.Label}.");
            return false;
        }
        return CheckSign(type, amount);
    }

    /// <summary>A wallet of the workspace (this one unless <paramref name="workspaceId"/>) by uuid; another workspace's or an unknown one is a 404.</summary>
    public async Task<Wallet?> WalletAsync(string field, string? uuid, bool required, CancellationToken ct, int? workspaceId = null)
    {
        if (string.IsNullOrWhiteSpace(uuid))
        {
            if (required)
            {
                Validation.Add(field, "is required: the uuid of a wallet.");
            }
            return null;
        }
        var wallet = Guid.TryParse(uuid, out var id) ? await db.Wallets.FindInWorkspaceAsync(workspaceId ?? scope.WorkspaceId, id, ct) : null;
        if (wallet is null)
        {
            Refuse(Problems.NotFound("The wallet"));
        }
        return wallet;
    }

    private async Task<string?> WalletUuidAsync(int? walletId, CancellationToken ct) =>
        walletId is null ? null : (await db.Wallets.IgnoreQueryFilters().Where(w => w.Id == walletId).Select(w => w.Uuid).FirstAsync(ct)).ToString();

    private bool CheckSign(EntryType type, long amount)
    {
        var problem = type switch
        {
            EntryType.Expenses when amount > 0 => "must be zero or negative for an expense.",
            EntryType.Incoming when amount < 0 => "must be zero or positive for an income.",
            EntryType.Saving when amount <= 0 => "must be positive for a saving (money moved into the goal).",
            EntryType.Transfer when amount <= 0 => "must be positive: it moves from account_id to transfer_id.",
            _ => null,
        };
        if (problem is not null)
        {
            Validation.Add("amount", problem);
        }
        return problem is null;
    }

    /// <summary>The currency named by id or ISO code (<paramref name="fallback"/> when absent), from the reference data in memory.</summary>
    public Currency? Currency(JsonElement? requested, int fallback)
    {
        var currency = requested switch
        {
            null or { ValueKind: JsonValueKind.Null } => ReferenceData.CurrencyById(fallback),
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var id) => ReferenceData.CurrencyById(id),
            { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString()!.Trim(), out var numeric) => ReferenceData.CurrencyById(numeric),
            { ValueKind: JsonValueKind.String } s => ReferenceData.CurrencyByCode(s.GetString()!),
            _ => null,
        };
        if (currency is null)
        {
            Validation.Add("currency_id", "is not a known currency (an id or an ISO code such as EUR).");
        }
        return currency;
    }

    /// <summary>Converts with the workspace's rates (units of the base currency per unit); a 400 when a rate is missing.</summary>
    public async Task<long?> ConvertAsync(long amount, Currency from, int toCurrencyId, CancellationToken ct)
    {
        if (from.Id == toCurrencyId)
        {
            return amount;
        }
        var to = ReferenceData.CurrencyById(toCurrencyId)!;
        var fromRate = await RateAsync(from.Id, ct);
        var toRate = await RateAsync(to.Id, ct);
        if (fromRate is null || toRate is null)
        {
            var missing = fromRate is null ? from.Label : to.Label;
            Refuse(Problems.Field("currency_id", $"No exchange rate for {missing} in this workspace: set one with PUT /api/currencies/rates/{missing}."));
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

    /// <summary>A required payee by uuid (404 if not this workspace's) or by name (found, or to be created); <paramref name="current"/> when absent.</summary>
    public async Task<PayeeChoice?> PayeeAsync(JsonElement? requested, int? current, CancellationToken ct)
    {
        if (requested is null or { ValueKind: JsonValueKind.Null })
        {
            if (current is null)
            {
                Validation.Add("payee_id", "is required for a debit: the uuid or the name of a payee.");
            }
            return current is { } id ? new PayeeChoice(id, null) : null;
        }
        if (requested.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(requested.Value.GetString()))
        {
            Validation.Add("payee_id", "must be the uuid or the name of a payee.");
            return null;
        }
        var text = requested.Value.GetString()!.Trim();
        if (Guid.TryParse(text, out var uuid))
        {
            var id = await db.Payees.IdOfAsync(scope.WorkspaceId, uuid, ct);
            if (id is null)
            {
                Refuse(Problems.NotFound("The payee"));
                return null;
            }
            return new PayeeChoice(id, null);
        }
        // A new name creates the payee in this workspace (and only here: the original searched all workspaces).
        var name = PayeeBook.CheckName(text, "payee_id", Validation);
        if (name is null)
        {
            return null;
        }
        var existing = await PayeeBook.FindByNameAsync(db, scope.WorkspaceId, name, ct);
        return new PayeeChoice(existing?.Id, existing is null ? name : null);
    }

    /// <summary>As <see cref="PayeeAsync"/>, but absent keeps <paramref name="current"/> and JSON null clears it.</summary>
    public async Task<PayeeChoice?> OptionalPayeeAsync(JsonElement? requested, int? current, CancellationToken ct) => requested switch
    {
        null => current is { } id ? new PayeeChoice(id, null) : null,
        { ValueKind: JsonValueKind.Null } => null,
        _ => await PayeeAsync(requested, null, ct),
    };

    /// <summary>A required goal of this workspace by uuid (404 otherwise); <paramref name="current"/> when absent.</summary>
    public async Task<int?> GoalAsync(string? requested, int? current, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            if (current is null)
            {
                Validation.Add("goal_id", "is required for a saving: the uuid of a goal.");
            }
            return current;
        }
        var id = Guid.TryParse(requested, out var uuid) ? await db.Goals.IdOfAsync(scope.WorkspaceId, uuid, ct) : null;
        if (id is null)
        {
            Refuse(Problems.NotFound("The goal"));
        }
        return id;
    }

    /// <summary>
    /// Labels by uuid, by name, or as <c>{name, color}</c>, with the Labels module's rules for names and
    /// colours; names are found in this workspace ignoring case, or will be created. Null means "keep the current labels".
    /// </summary>
    public async Task<List<LabelChoice>?> LabelsAsync(JsonElement? requested, CancellationToken ct)
    {
        if (requested is null or { ValueKind: JsonValueKind.Null })
        {
            return null;
        }
        if (requested.Value.ValueKind != JsonValueKind.Array)
        {
            Validation.Add("labels", "must be an array of label uuids, names or {name, color} objects.");
            return null;
        }
        var result = new List<LabelChoice>();
        foreach (var item in requested.Value.EnumerateArray())
        {
            var (text, color) = item.ValueKind switch
            {
                JsonValueKind.String => (item.GetString(), null),
                JsonValueKind.Object => (
                    item.TryGetProperty("uuid", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()
                        : item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
                    item.TryGetProperty("color", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null),
                _ => (null, null),
            };
            if (Guid.TryParse(text, out var uuid))
            {
                var label = await db.Labels.FindInWorkspaceAsync(scope.WorkspaceId, uuid, ct);
                if (label is null)
                {
                    Refuse(Problems.NotFound("The label"));
                    return null;
                }
                Add(new LabelChoice(label, label.Name, label.Color));
                continue;
            }
            var name = LabelBook.CheckName(text, "labels", Validation);
            var checkedColor = LabelBook.CheckColor(color, "labels", Validation);
            if (name is null || !Validation.IsValid)
            {
                return null;
            }
            if (!Named(name))
            {
                var existing = await LabelBook.FindByNameAsync(db, scope.WorkspaceId, name, ct);
                result.Add(new LabelChoice(existing, name, checkedColor ?? LabelBook.DefaultColor));
            }
        }
        return result;

        // A label named twice (by uuid or name, in any case) is attached once.
        bool Named(string name) => result.Any(l => IUniquelyNamed.Normalize(l.Name) == IUniquelyNamed.Normalize(name));

        void Add(LabelChoice choice)
        {
            if (!Named(choice.Name))
            {
                result.Add(choice);
            }
        }
    }

    private void Refuse(ProblemHttpResult problem) => _refusal ??= problem;
}

/// <summary>A payee resolved by uuid or name (<see cref="Id"/>), or a new name to create (<see cref="NewName"/>).</summary>
internal sealed record PayeeChoice(int? Id, string? NewName)
{
    /// <summary>The payee's id, creating it through <see cref="PayeeBook"/> when it is new; part of the caller's write.</summary>
    public async Task<int> IdAsync(BudgetDbContext db, int workspaceId, CancellationToken ct) =>
        Id ?? (await PayeeBook.FindOrCreateAsync(db, workspaceId, NewName!, ct))!.Id;
}

/// <summary>A label resolved by uuid or name (<see cref="Existing"/>), or a new name and colour to create.</summary>
internal sealed record LabelChoice(Label? Existing, string Name, string Color)
{
    /// <summary>The labels, creating the new ones through <see cref="LabelBook"/>; part of the caller's write.</summary>
    public static async Task<List<Label>> LabelsAsync(IEnumerable<LabelChoice> choices, BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var labels = new List<Label>();
        foreach (var choice in choices)
        {
            var label = choice.Existing ?? (await LabelBook.FindOrCreateAsync(db, workspaceId, choice.Name, choice.Color, ct))!;
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        }
        return labels;
    }
}

/// <summary>An entry request resolved: every value the write assigns, with payees and labels still to create.</summary>
internal sealed record ResolvedEntry(
    EntryType Type, long Amount, int CurrencyId, long WalletAmount, long BaseAmount, DateTime DateTime, bool Planned,
    string? Note, int CategoryId, int WalletId, int PaymentTypeId, PayeeChoice? Payee, int? GoalId,
    bool Confirmed, bool Waranty, bool Installment, bool ExcludeFromStats, string? Geolocation, List<LabelChoice>? Labels)
{
    /// <summary>Writes the resolution into <paramref name="entry"/>, creating new payees and labels first; inside the caller's transaction.</summary>
    public async Task ApplyAsync(Entry entry, BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var payeeId = Payee is null ? (int?)null : await Payee.IdAsync(db, workspaceId, ct);
        var labels = Labels is null ? null : await LabelChoice.LabelsAsync(Labels, db, workspaceId, ct);
        entry.WorkspaceId = workspaceId;
        entry.Type = Type;
        entry.Transfer = Type == EntryType.Transfer;
        entry.Amount = Amount;
        entry.CurrencyId = CurrencyId;
        entry.WalletAmount = WalletAmount;
        entry.BaseAmount = BaseAmount;
        entry.DateTime = DateTime;
        entry.Planned = Planned;
        entry.Note = Note;
        entry.CategoryId = CategoryId;
        entry.WalletId = WalletId;
        entry.PaymentTypeId = PaymentTypeId;
        entry.PayeeId = payeeId;
        entry.GoalId = GoalId;
        entry.Confirmed = Confirmed;
        entry.Waranty = Waranty;
        entry.Installment = Installment;
        entry.ExcludeFromStats = ExcludeFromStats;
        entry.Geolocation = Geolocation;
        if (labels is not null)
        {
            entry.Labels.Clear();
            entry.Labels.AddRange(labels);
        }
    }
}
