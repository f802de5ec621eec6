using System.Text.Json.Serialization;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Reference = BudgetControl.Data.Reference.ReferenceData;

namespace BudgetControl.Core.ReferenceData;

internal static class ReferenceDataApi
{
    public static void MapReferenceData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reference data").RequireUser();
        group.MapGet("/payment-types", ListPaymentTypes);
        group.MapGet("/currencies", ListCurrencies);
        group.MapGet("/categories", ListSubCategories);
        group.MapGet("/categories-subcategories", ListCategories);
    }

    // The rows are static (seeded from ReferenceData by the migrations), so they are served from memory.
    private static Ok<List<PaymentTypeResponse>> ListPaymentTypes() =>
        TypedResults.Ok(Reference.PaymentTypes.OrderBy(p => p.Id)
            .Select(p => new PaymentTypeResponse(p.Id, p.Uuid, p.Name, p.Slug, p.CreatedAt, p.UpdatedAt, null))
            .ToList());

    private static Ok<List<CurrencyResponse>> ListCurrencies() =>
        TypedResults.Ok(Reference.Currencies.OrderBy(c => c.Id)
            .Select(c => new CurrencyResponse(c.Id, c.Name, c.Label, c.Icon, c.Slug, c.MinorUnits, c.CreatedAt, c.UpdatedAt, null))
            .ToList());

    private static Ok<List<SubCategoryResponse>> ListSubCategories() =>
        TypedResults.Ok(Reference.SubCategories.OrderBy(s => s.Id)
            .Select(s => SubCategoryResponse.From(s, CategoryResponse.From(Reference.CategoryById(s.CategoryId)!, null)))
            .ToList());

    private static Ok<List<CategoryResponse>> ListCategories() =>
        TypedResults.Ok(Reference.Categories.OrderBy(c => c.Id)
            .Select(c => CategoryResponse.From(c, Reference.SubCategories.Where(s => s.CategoryId == c.Id).OrderBy(s => s.Id)
                .Select(s => SubCategoryResponse.From(s, null)).ToList()))
            .ToList());
}

internal sealed record PaymentTypeResponse(int Id, Guid Uuid, string Name, string Slug, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt);

internal sealed record CurrencyResponse(int Id, string Name, string Label, string Icon, string Slug, int MinorUnits, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt);

internal sealed record SubCategoryResponse(
    int Id, Guid Uuid, string Name, int CategoryId, bool ExcludeFromStats, string Slug, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CategoryResponse? Category)
{
    public static SubCategoryResponse From(SubCategory s, CategoryResponse? category) =>
        new(s.Id, s.Uuid, s.Name, s.CategoryId, s.ExcludeFromStats, s.Slug, s.CreatedAt, s.UpdatedAt, null, category);
}

internal sealed record CategoryResponse(
    int Id, Guid Uuid, string Name, string Icon, string Type, string Slug, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt,
    // The original's key is camelCase here; existing clients read "subCategories".
    [property: JsonPropertyName("subCategories"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<SubCategoryResponse>? SubCategories)
{
    public static CategoryResponse From(Category c, List<SubCategoryResponse>? subCategories) =>
        new(c.Id, c.Uuid, c.Name, c.Icon, c.Type.Name(), c.Slug, c.CreatedAt, c.UpdatedAt, null, subCategories);
}
