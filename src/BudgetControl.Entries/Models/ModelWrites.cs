using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Models;

/// <summary>
/// Create, partial update and soft delete of models (entry templates). Templates move no money; every
/// id in the body is resolved in the caller's workspace by <see cref="EntryResolver"/> (the original's
/// update and delete ignored the workspace, and its fill accepted any column).
/// </summary>
internal static class ModelWrites
{
    public static Task<Results<Created<ModelResponse>, ProblemHttpResult>> CreateAsync(ModelRequest request, [AsParameters] EntryContext context) =>
        TemplateWrites.CreateAsync(context, new EntryModel(), Apply(request, context), Respond(context), "/api/entry/model");

    /// <summary>Changes only the fields the body carries; <c>If-Match</c> or <c>version</c>, when sent, must be current (409 otherwise).</summary>
    public static Task<Results<Ok<ModelResponse>, ProblemHttpResult>> UpdateAsync(string uuid, ModelRequest request, [AsParameters] EntryContext context) =>
        TemplateWrites.UpdateAsync(context, context.Db.EntryModels.Include(m => m.Labels), uuid, request.Version, "model", Apply(request, context), Respond(context));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string uuid, [AsParameters] EntryContext context) =>
        TemplateWrites.DeleteAsync(context, context.Db.EntryModels, uuid, "model");

    private static ApplyRequest<EntryModel> Apply(ModelRequest request, EntryContext context) =>
        (model, resolver, info) => ApplyAsync(request, model, resolver, info, context.Db, context.Scope.WorkspaceId, context.Ct);

    private static Func<EntryModel, WorkspaceInfo, Task<ModelResponse>> Respond(EntryContext context) =>
        (model, _) => ModelResponse.LoadAsync(context.Db, context.Scope.WorkspaceId, model.Id, context.Ct);

    /// <summary>
    /// Fills <paramref name="model"/> from the fields present (all of them matter on create); null when
    /// accepted, else the 400 naming the fields or the 404 of an id that is not this workspace's.
    /// Nothing is assigned before everything is resolved, so a refused request changes nothing.
    /// </summary>
    private static async Task<ProblemHttpResult?> ApplyAsync(ModelRequest request, EntryModel model, EntryResolver resolver, WorkspaceInfo info, BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var isNew = model.Id == 0;
        bool Given<T>(Optional<T> field) => isNew || field.IsPresent;
        var validation = resolver.Validation;
        request.CheckTypes(validation);

        var name = Given(request.Name) ? request.Name.Value?.Trim() : model.Name;
        if (Given(request.Name))
        {
            validation.Required("name", name, 255);
        }
        var type = Given(request.Type) ? resolver.EntryTypeOf(request.Type.Value) : model.Type;
        var note = Given(request.Note) ? request.Note.Value : model.Note;
        validation.MaxLength("note", note, 4000);

        var walletId = model.WalletId;
        int? walletCurrency = null;
        if (Given(request.AccountId))
        {
            var wallet = await resolver.WalletAsync("account_id", request.AccountId.Value, required: false, ct);
            if (resolver.Refusal is { } refused)
            {
                return refused;
            }
            walletId = wallet?.Id;
            walletCurrency = wallet?.CurrencyId;
        }

        // A template keeps its own currency: the wallet's (or the workspace's) only when none is named on create.
        var currency = Given(request.CurrencyId) && request.CurrencyId.Value is { ValueKind: not JsonValueKind.Null } requested
            ? resolver.Currency(requested, info.BaseCurrencyId)
            : resolver.Currency(null, isNew ? walletCurrency ?? info.BaseCurrencyId : model.CurrencyId);

        // The amount is a decimal of its currency: kept as such when only the currency or the type changes, then checked again.
        decimal? amount = Given(request.Amount) ? request.Amount.Value : MoneyFormat.ToDecimal(model.Amount, ReferenceData.CurrencyById(model.CurrencyId)?.MinorUnits ?? 2);
        long minor = 0;
        if (amount is null)
        {
            validation.Add("amount", "is required.");
        }
        else if (currency is not null && type is { } checkedType)
        {
            resolver.TryMinorAmount(amount.Value, currency, checkedType, out minor);
        }

        int? category = type switch
        {
            EntryType.Debit or EntryType.Transfer => EntryResolver.CategoryFor(type.Value, null, null),
            _ => Given(request.CategoryId) ? request.CategoryId.Value : model.CategoryId,
        };
        if (category is { } categoryId)
        {
            resolver.CheckCategory(categoryId);
        }
        var paymentType = Given(request.PaymentType) && request.PaymentType.Value is { } requestedPaymentType
            ? requestedPaymentType
            : isNew ? info.DefaultPaymentTypeId : model.PaymentTypeId;
        resolver.CheckPaymentType(paymentType);

        // A payee belongs to expenses, incomes and debits (optional on a template); the other types have none.
        var payee = model.PayeeId is { } currentPayee ? new PayeeChoice(currentPayee, null) : null;
        if (type is not (EntryType.Expenses or EntryType.Incoming or EntryType.Debit))
        {
            payee = null;
        }
        else if (request.PayeeId.IsPresent)
        {
            payee = request.PayeeId.Value is null ? null : await resolver.OptionalPayeeAsync(request.PayeeId.Value, null, ct);
            if (resolver.Refusal is { } refused)
            {
                return refused;
            }
        }

        List<LabelChoice>? labels = null;
        if (request.Labels.IsPresent)
        {
            labels = request.Labels.Value is null ? [] : await resolver.LabelsAsync(request.Labels.Value, ct) ?? [];
            if (resolver.Refusal is { } refused)
            {
                return refused;
            }
        }
        if (!validation.IsValid)
        {
            return Problems.Fields(validation);
        }

        // Everything is resolved: now the payee or labels named for the first time are created (saved
        // before the template changes, so that the template itself is written once).
        var payeeId = payee is null ? (int?)null : await payee.IdAsync(db, workspaceId, ct);
        var labelRows = labels is null ? null : await LabelChoice.LabelsAsync(labels, db, workspaceId, ct);
        model.Name = name!;
        model.Type = type!.Value;
        model.Amount = minor;
        model.CurrencyId = currency!.Id;
        model.Note = note;
        model.CategoryId = category;
        model.WalletId = walletId;
        model.PaymentTypeId = paymentType;
        model.PayeeId = payeeId;
        if (labelRows is not null)
        {
            model.Labels.Clear();
            model.Labels.AddRange(labelRows);
        }
        return null;
    }
}
