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
/// Create, full update and soft delete of planned (recurring) entries. The whole body is validated (the
/// original never ran its validator) and every id is resolved in the caller's workspace by
/// <see cref="EntryResolver"/>. Plans move no balance: the jobs worker turns them into entries.
/// </summary>
internal static class PlannedWrites
{
    public static Task<Results<Created<PlannedResponse>, ProblemHttpResult>> CreateAsync(PlannedRequest request, [AsParameters] EntryContext context) =>
        TemplateWrites.CreateAsync(context, new PlannedEntry(), Apply(request, context), Respond(context), "/api/entry/planned");

    /// <summary>Replaces the plan with the body; <c>If-Match</c> or <c>version</c>, when sent, must be current (409 otherwise).</summary>
    public static Task<Results<Ok<PlannedResponse>, ProblemHttpResult>> UpdateAsync(string uuid, PlannedRequest request, [AsParameters] EntryContext context) =>
        TemplateWrites.UpdateAsync(context, context.Db.PlannedEntries.Include(p => p.Labels), uuid, request.Version, "planned entry", Apply(request, context), Respond(context));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string uuid, [AsParameters] EntryContext context) =>
        TemplateWrites.DeleteAsync(context, context.Db.PlannedEntries, uuid, "planned entry");

    private static ApplyRequest<PlannedEntry> Apply(PlannedRequest request, EntryContext context) =>
        (plan, resolver, info) => ApplyAsync(request, plan, resolver, info, context.Db, context.Scope.WorkspaceId, context.Ct);

    private static Func<PlannedEntry, WorkspaceInfo, Task<PlannedResponse>> Respond(EntryContext context) =>
        (plan, info) => PlannedResponse.LoadAsync(context.Db, context.Scope.WorkspaceId, plan.Id, info, context.Ct);

    /// <summary>
    /// Validates the whole body and fills <paramref name="plan"/>; null when accepted, else the 400 naming
    /// every bad field or the 404 of an id that is not this workspace's. Nothing is assigned before
    /// everything is resolved, so a refused request changes nothing.
    /// </summary>
    private static async Task<ProblemHttpResult?> ApplyAsync(PlannedRequest request, PlannedEntry plan, EntryResolver resolver, WorkspaceInfo info, BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var validation = resolver.Validation;
        var hasStart = info.TryParseInstant(request.DateTime, out var start);
        if (!hasStart)
        {
            validation.Add("date_time", "is required: the first (or next) occurrence, e.g. 2025-03-28 10:00 (workspace time) or 2025-03-28T10:00:00+01:00.");
        }
        DateTime? end = null;
        if (!string.IsNullOrWhiteSpace(request.EndDateTime))
        {
            if (info.TryParseInstant(request.EndDateTime, out var parsedEnd))
            {
                end = parsedEnd;
                if (hasStart && parsedEnd <= start)
                {
                    validation.Add("end_date_time", "must be after date_time.");
                }
            }
            else
            {
                validation.Add("end_date_time", "must be a date and time (or null for a plan without end).");
            }
        }
        var planning = Planning.Monthly;
        if (string.IsNullOrWhiteSpace(request.Planning))
        {
            validation.Add("planning", "is required: one of daily, weekly, monthly, yearly, one-shot.");
        }
        else if (!EnumNames.TryParse(request.Planning.Trim(), out planning))
        {
            validation.Add("planning", $"'{request.Planning}' is not a planning: use daily, weekly, monthly, yearly or one-shot.");
        }
        var type = resolver.EntryTypeOf(request.Type);
        if (request.Amount is null)
        {
            validation.Add("amount", "is required.");
        }
        validation.MaxLength("note", request.Note, 4000);

        // A plan must name its wallet: the entries it becomes need one.
        var wallet = await resolver.WalletAsync("account_id", request.AccountId, required: true, ct);
        if (resolver.Refusal is { } refusal1)
        {
            return refusal1;
        }
        Wallet? target = null;
        if (type == EntryType.Transfer)
        {
            target = await resolver.WalletAsync("transfer_id", request.TransferId, required: true, ct);
            if (resolver.Refusal is { } refused)
            {
                return refused;
            }
            if (target is not null && target.Id == wallet?.Id)
            {
                validation.Add("transfer_id", "must be another wallet than account_id.");
            }
        }

        var currency = resolver.Currency(request.CurrencyId, wallet?.CurrencyId ?? info.BaseCurrencyId);
        long amount = 0;
        if (request.Amount is { } value && currency is not null && type is { } checkedType)
        {
            resolver.TryMinorAmount(value, currency, checkedType, out amount);
        }
        var category = EntryResolver.CategoryFor(type ?? EntryType.Expenses, request.CategoryId, null);
        resolver.CheckCategory(category);
        var paymentType = request.PaymentType ?? info.DefaultPaymentTypeId;
        resolver.CheckPaymentType(paymentType);

        var payee = type switch
        {
            EntryType.Debit => await resolver.PayeeAsync(request.PayeeId, null, ct),
            EntryType.Expenses or EntryType.Incoming => await resolver.OptionalPayeeAsync(request.PayeeId, null, ct),
            _ => null,
        };
        var goalId = type == EntryType.Saving ? await resolver.GoalAsync(request.GoalId, null, ct) : null;
        if (resolver.Refusal is { } refusal2)
        {
            return refusal2;
        }
        var labels = await resolver.LabelsAsync(request.Labels, ct);
        if (resolver.Refusal is { } refusal3)
        {
            return refusal3;
        }
        if (!validation.IsValid)
        {
            return Problems.Fields(validation);
        }

        // Everything is resolved: now the payee or labels named for the first time are created (saved
        // before the plan changes, so that the plan itself is written once).
        var payeeId = payee is null ? (int?)null : await payee.IdAsync(db, workspaceId, ct);
        var labelRows = labels is null ? null : await LabelChoice.LabelsAsync(labels, db, workspaceId, ct);
        plan.Type = type!.Value;
        plan.Planning = planning;
        plan.DateTime = start;
        plan.EndDateTime = end;
        plan.Amount = amount;
        plan.CurrencyId = currency!.Id;
        plan.Note = request.Note;
        plan.Confirmed = request.Confirmed ?? true;
        plan.CategoryId = category;
        plan.WalletId = wallet!.Id;
        plan.TransferWalletId = target?.Id;
        plan.PaymentTypeId = paymentType;
        plan.GoalId = goalId;
        plan.PayeeId = payeeId;
        if (labelRows is not null)
        {
            plan.Labels.Clear();
            plan.Labels.AddRange(labelRows);
        }
        return null;
    }
}
