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

    /// <summary>
    /// Resolves an expense, income, debit, saving or the source side of a transfer; null when refused (see <see cref="Failure"/>).
    /// On create every field counts; on update an absent field keeps the stored value (see <see cref="EntryRequest"/>).
    /// </summary>
    public async Task<ResolvedEntry?> ResolveAsync(EntryRequest request, EntryType type, Entry entry, CancellationToken ct)
    {
        var isNew = entry.Id == 0;
        bool Given<T>(Optional<T> field) => isNew || field.IsPresent;
        request.CheckTypes(Validation);
        var when = Instant(request.DateTime, isNew, entry.DateTime, "date_time", DateTimeRequired) ?? entry.DateTime;
        var note = Given(request.Note) ? request.Note.Value : entry.Note;
        Validation.MaxLength("note", note, 4000);

        var wallet = await WalletAsync("account_id", request.AccountId, isNew ? null : entry.WalletId, ct);
        if (_refusal is not null)
        {
            return null;
        }

        var currency = Currency(request.CurrencyId, isNew, wallet?.CurrencyId, entry.CurrencyId);
        var category = CategoryFor(type, Given(request.CategoryId) ? request.CategoryId.Value : null, Given(request.CategoryId) ? null : entry.CategoryId);
        CheckCategory(category);
        var paymentType = Given(request.PaymentType) ? request.PaymentType.Value ?? info.DefaultPaymentTypeId : entry.PaymentTypeId;
        CheckPaymentType(paymentType);
        // A transfer's source side is stored negative; its request amount is positive.
        var amount = MinorAmount(request.Amount, isNew, entry.Type == EntryType.Transfer ? -entry.Amount : entry.Amount, entry.CurrencyId, currency, type);

        var current = isNew ? null : entry;
        var payee = type switch
        {
            EntryType.Debit => await PayeeAsync(request.PayeeId, required: true, current?.PayeeId, ct),
            EntryType.Expenses or EntryType.Incoming => await PayeeAsync(request.PayeeId, required: false, current?.PayeeId, ct),
            _ => null,
        };
        var goalId = type == EntryType.Saving ? await GoalAsync(request.GoalId, current?.GoalId, ct) : null;
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
            note, category, wallet!.Id, paymentType, payee, goalId,
            Given(request.Confirmed) ? request.Confirmed.Value ?? true : entry.Confirmed,
            Given(request.Waranty) ? request.Waranty.Value ?? false : entry.Waranty,
            Given(request.Installment) ? request.Installment.Value ?? false : entry.Installment,
            Given(request.ExcludeFromStats) ? request.ExcludeFromStats.Value ?? false : entry.ExcludeFromStats,
            !Given(request.Geolocation) ? entry.Geolocation
                : request.Geolocation.Value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } geo ? geo.GetRawText() : null,
            labels);
    }

    private const string DateTimeRequired = "is required: a date and time such as 2025-03-28 10:38 (workspace time) or 2025-03-28T10:38:00+01:00.";

    /// <summary>
    /// The instant a date field names, read in the workspace's time zone unless it carries an offset: parsed when
    /// given (always on create), else <paramref name="current"/>. A missing or unreadable one is a 400 with
    /// <paramref name="message"/>; for an optional field (<paramref name="message"/> null) a null or empty value clears it.
    /// </summary>
    public DateTime? Instant(Optional<string?> requested, bool isNew, DateTime? current, string field, string? message)
    {
        if (!isNew && !requested.IsPresent || requested.IsInvalid)
        {
            return current;
        }
        if (message is null && string.IsNullOrWhiteSpace(requested.Value))
        {
            return null;
        }
        if (info.TryParseInstant(requested.Value, out var when))
        {
            return when;
        }
        Validation.Add(field, message ?? "must be a date and time (or null for none).");
        return current;
    }

    /// <summary>
    /// <paramref name="requested"/> in minor units of <paramref name="currency"/>, checked against the sign rules of
    /// <paramref name="type"/>. When absent on update the stored amount is kept as a decimal of its own currency
    /// (so that only a changed currency or type is checked again); missing on create, or null, is a 400.
    /// </summary>
    public long MinorAmount(Optional<decimal?> requested, bool isNew, long stored, int storedCurrencyId, Currency? currency, EntryType? type)
    {
        var value = isNew || requested.IsPresent
            ? requested.Value
            : MoneyFormat.ToDecimal(stored, ReferenceData.CurrencyById(storedCurrencyId)?.MinorUnits ?? 2);
        long amount = 0;
        if (value is null)
        {
            if (!requested.IsInvalid)
            {
                Validation.Add("amount", "is required.");
            }
        }
        else if (currency is not null && type is { } checkedType)
        {
            TryMinorAmount(value.Value, currency, checkedType, out amount);
        }
        return amount;
    }

    /// <summary>The currency named by id or ISO code; when none is named, the wallet's (or the workspace's) on create and <paramref name="stored"/> on update.</summary>
    public Currency? Currency(Optional<JsonElement?> requested, bool isNew, int? walletCurrencyId, int stored) =>
        requested.Value is { ValueKind: not JsonValueKind.Null } named
            ? Currency(named, info.BaseCurrencyId)
            : Currency(null, isNew ? walletCurrencyId ?? info.BaseCurrencyId : stored);

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

    /// <summary>
    /// A required wallet: the one named when <paramref name="requested"/> is present (a null, <c>false</c> or
    /// <c>""</c> is a 400), else the <paramref name="current"/> one (a 400 when there is none).
    /// </summary>
    public async Task<Wallet?> WalletAsync(string field, Optional<string?> requested, int? current, CancellationToken ct, int? workspaceId = null)
    {
        if (requested.IsInvalid)
        {
            return null;
        }
        var uuid = requested.IsPresent ? requested.Value : await WalletUuidAsync(current, ct);
        return await WalletAsync(field, uuid, required: true, ct, workspaceId);
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
    private async Task<PayeeChoice?> PayeeAsync(JsonElement? requested, int? current, CancellationToken ct)
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
            // The row, not only its id: tracked, it is the entry's payee in the answer without another read (EntryResponse.FromWrittenAsync).
            var payee = await db.Payees.FindInWorkspaceAsync(scope.WorkspaceId, uuid, ct);
            if (payee is null)
            {
                Refuse(Problems.NotFound("The payee"));
                return null;
            }
            return new PayeeChoice(payee.Id, null);
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

    /// <summary>
    /// The payee of a partial write: absent keeps <paramref name="current"/>, JSON null clears it (a 400 when
    /// <paramref name="required"/>), and a uuid or name is resolved as by <see cref="PayeeAsync(JsonElement?, int?, CancellationToken)"/>.
    /// </summary>
    public async Task<PayeeChoice?> PayeeAsync(Optional<JsonElement?> requested, bool required, int? current, CancellationToken ct)
    {
        if (!requested.IsPresent)
        {
            return required || current is not null ? await PayeeAsync(null, current, ct) : null;
        }
        if (requested.Value is null or { ValueKind: JsonValueKind.Null })
        {
            return required ? await PayeeAsync(null, null, ct) : null;
        }
        return await PayeeAsync(requested.Value, null, ct);
    }

    /// <summary>The goal of a saving: absent keeps <paramref name="current"/>; present, it must name a goal of this workspace.</summary>
    public Task<int?> GoalAsync(Optional<string?> requested, int? current, CancellationToken ct) =>
        requested.IsInvalid ? Task.FromResult(current)
            : requested.IsPresent ? GoalAsync(requested.Value, null, ct) : GoalAsync(null, current, ct);

    /// <summary>The labels of a partial write: null (keep the current ones) when absent, none when JSON null, else as <see cref="LabelsAsync(JsonElement?, CancellationToken)"/>.</summary>
    public async Task<List<LabelChoice>?> LabelsAsync(Optional<JsonElement?> requested, CancellationToken ct) =>
        !requested.IsPresent ? null
            : requested.Value is null or { ValueKind: JsonValueKind.Null } ? []
            : await LabelsAsync(requested.Value, ct) ?? [];

    /// <summary>A required goal of this workspace by uuid (404 otherwise); <paramref name="current"/> when absent.</summary>
    private async Task<int?> GoalAsync(string? requested, int? current, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            if (current is null)
            {
                Validation.Add("goal_id", "is required for a saving: the uuid of a goal.");
            }
            return current;
        }
        // The row, not only its id: tracked, it is the entry's goal in the answer without another read (EntryResponse.FromWrittenAsync).
        var goal = Guid.TryParse(requested, out var uuid) ? await db.Goals.FindInWorkspaceAsync(scope.WorkspaceId, uuid, ct) : null;
        if (goal is null)
        {
            Refuse(Problems.NotFound("The goal"));
        }
        return goal?.Id;
    }

    /// <summary>
    /// Labels by uuid, by name, or as <c>{name, color}</c>, with the Labels module's rules for names and
    /// colours; names are found in this workspace ignoring case, or will be created. Null means "keep the current labels".
    /// </summary>
    private async Task<List<LabelChoice>?> LabelsAsync(JsonElement? requested, CancellationToken ct)
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

    /// <summary>The id of <paramref name="choice"/> (see <see cref="IdAsync"/>); null when there is no payee.</summary>
    public static async Task<int?> IdOfAsync(PayeeChoice? choice, BudgetDbContext db, int workspaceId, CancellationToken ct) =>
        choice is null ? null : await choice.IdAsync(db, workspaceId, ct);
}

/// <summary>A label resolved by uuid or name (<see cref="Existing"/>), or a new name and colour to create.</summary>
internal sealed record LabelChoice(Label? Existing, string Name, string Color)
{
    /// <summary>
    /// Replaces <paramref name="labels"/> (a row's) with the chosen ones, creating the new ones through
    /// <see cref="LabelBook"/> first; nothing when <paramref name="choices"/> is null (keep). Part of the caller's write.
    /// </summary>
    public static async Task ReplaceAsync(IEnumerable<LabelChoice>? choices, List<Label> labels, BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        if (choices is null)
        {
            return;
        }
        var chosen = new List<Label>();
        foreach (var choice in choices)
        {
            var label = choice.Existing ?? (await LabelBook.FindOrCreateAsync(db, workspaceId, choice.Name, choice.Color, ct))!;
            if (!chosen.Contains(label))
            {
                chosen.Add(label);
            }
        }
        labels.Clear();
        labels.AddRange(chosen);
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
        var payeeId = await PayeeChoice.IdOfAsync(Payee, db, workspaceId, ct);
        await LabelChoice.ReplaceAsync(Labels, entry.Labels, db, workspaceId, ct);
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
    }
}
