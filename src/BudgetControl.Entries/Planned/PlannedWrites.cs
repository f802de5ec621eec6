using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Planned;

/// <summary>
/// Create, partial update (like templates) and soft delete of planned (recurring) entries. Every field is validated (the
/// original never ran its validator) and every id is resolved in the caller's workspace by
/// <see cref="EntryResolver"/>. Plans move no balance: the jobs worker turns them into entries.
/// </summary>
internal static class PlannedWrites
{
    public static Task<Results<Created<PlannedResponse>, ProblemHttpResult>> CreateAsync(PlannedRequest request, [AsParameters] EntryContext context) =>
        TemplateWrites.CreateAsync(context, new PlannedEntry(), Apply(request, context), Respond(context), "/api/entry/planned");

    /// <summary>Changes only the fields the body carries (a present null clears an optional one); <c>If-Match</c> or <c>version</c>, when sent, must be current (409 otherwise).</summary>
    public static Task<Results<Ok<PlannedResponse>, ProblemHttpResult>> UpdateAsync(string uuid, PlannedRequest request, [AsParameters] EntryContext context) =>
        TemplateWrites.UpdateAsync(context, context.Db.PlannedEntries.Include(p => p.Labels), uuid, request.Version, "planned entry", Apply(request, context), Respond(context));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string uuid, [AsParameters] EntryContext context) =>
        TemplateWrites.DeleteAsync(context, context.Db.PlannedEntries, uuid, "planned entry");

    private static ApplyRequest<PlannedEntry> Apply(PlannedRequest request, EntryContext context) =>
        (plan, resolver, info) => ApplyAsync(request, plan, resolver, info, context.Db, context.Scope.WorkspaceId, context.Ct);

    private static Func<PlannedEntry, WorkspaceInfo, Task<PlannedResponse>> Respond(EntryContext context) =>
        (plan, info) => PlannedResponse.LoadAsync(context.Db, context.Scope.WorkspaceId, plan.Id, info, context.Ct);

    /// <summary>
    /// Fills <paramref name="plan"/> from the fields present (all of them matter on create), like a template;
    /// null when accepted, else the 400 naming every bad field or the 404 of an id that is not this workspace's.
    /// Nothing is assigned before everything is resolved, so a refused request changes nothing.
    /// </summary>
    private static async Task<ProblemHttpResult?> ApplyAsync(PlannedRequest request, PlannedEntry plan, EntryResolver resolver, WorkspaceInfo info, BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var isNew = plan.Id == 0;
        bool Given<T>(Optional<T> field) => isNew || field.IsPresent;
        var validation = resolver.Validation;
        request.CheckTypes(validation);
        var start = resolver.Instant(request.DateTime, isNew, isNew ? null : plan.DateTime, "date_time",
            "is required: the first (or next) occurrence, e.g. 2025-03-28 10:00 (workspace time) or 2025-03-28T10:00:00+01:00.");
        var end = resolver.Instant(request.EndDateTime, isNew, plan.EndDateTime, "end_date_time", message: null);
        if (start is not null && end is not null && end <= start && !validation.Has("end_date_time"))
        {
            validation.Add("end_date_time", "must be after date_time.");
        }
        var planning = plan.Planning;
        if (Given(request.Planning) && !request.Planning.IsInvalid)
        {
            var text = request.Planning.Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                validation.Add("planning", "is required: one of daily, weekly, monthly, yearly, one-shot.");
            }
            else if (!EnumNames.TryParse(text.Trim(), out planning))
            {
                validation.Add("planning", $"'{text}' is not a planning: use daily, weekly, monthly, yearly or one-shot.");
            }
        }
        var type = !Given(request.Type) ? plan.Type : request.Type.IsInvalid ? null : resolver.EntryTypeOf(request.Type.Value);
        var note = Given(request.Note) ? request.Note.Value : plan.Note;
        validation.MaxLength("note", note, 4000);

        // A plan must name its wallet: the entries it becomes need one.
        var wallet = await resolver.WalletAsync("account_id", request.AccountId, isNew ? null : plan.WalletId, ct);
        if (resolver.Refusal is { } refusal1)
        {
            return refusal1;
        }
        Wallet? target = null;
        if (type == EntryType.Transfer)
        {
            target = await resolver.WalletAsync("transfer_id", request.TransferId, isNew ? null : plan.TransferWalletId, ct);
            if (resolver.Refusal is { } refused)
            {
                return refused;
            }
            if (target is not null && target.Id == wallet?.Id)
            {
                validation.Add("transfer_id", "must be another wallet than account_id.");
            }
        }

        var currency = resolver.Currency(request.CurrencyId, isNew, wallet?.CurrencyId, plan.CurrencyId);
        var amount = resolver.MinorAmount(request.Amount, isNew, plan.Amount, plan.CurrencyId, currency, type);
        var category = EntryResolver.CategoryFor(type ?? EntryType.Expenses,
            Given(request.CategoryId) ? request.CategoryId.Value : null, Given(request.CategoryId) ? null : plan.CategoryId);
        resolver.CheckCategory(category);
        var paymentType = Given(request.PaymentType) ? request.PaymentType.Value ?? info.DefaultPaymentTypeId : plan.PaymentTypeId;
        resolver.CheckPaymentType(paymentType);

        var current = isNew ? null : plan;
        var payee = type switch
        {
            EntryType.Debit => await resolver.PayeeAsync(request.PayeeId, required: true, current?.PayeeId, ct),
            EntryType.Expenses or EntryType.Incoming => await resolver.PayeeAsync(request.PayeeId, required: false, current?.PayeeId, ct),
            _ => null,
        };
        var goalId = type == EntryType.Saving ? await resolver.GoalAsync(request.GoalId, current?.GoalId, ct) : null;
        var labels = resolver.Refusal is null ? await resolver.LabelsAsync(request.Labels, ct) : null;
        if (resolver.Refusal is { } refusal2)
        {
            return refusal2;
        }
        if (!validation.IsValid)
        {
            return Problems.Fields(validation);
        }

        // Everything is resolved: now the payee or labels named for the first time are created (saved
        // before the plan changes, so that the plan itself is written once).
        var payeeId = await PayeeChoice.IdOfAsync(payee, db, workspaceId, ct);
        await LabelChoice.ReplaceAsync(labels, plan.Labels, db, workspaceId, ct);
        plan.Type = type!.Value;
        plan.Planning = planning;
        plan.DateTime = start!.Value;
        plan.EndDateTime = end;
        plan.Amount = amount;
        plan.CurrencyId = currency!.Id;
        plan.Note = note;
        plan.Confirmed = Given(request.Confirmed) ? request.Confirmed.Value ?? true : plan.Confirmed;
        plan.CategoryId = category;
        plan.WalletId = wallet!.Id;
        plan.TransferWalletId = target?.Id;
        plan.PaymentTypeId = paymentType;
        plan.GoalId = goalId;
        plan.PayeeId = payeeId;
        return null;
    }
}
