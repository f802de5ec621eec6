using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// The body of a label create or update. Every field may be absent (unchanged on update); the rules of
/// name and colour are <see cref="LabelBook"/>'s, shared with entries that create labels by name.
/// </summary>
internal sealed record LabelRequest(Optional<string?> Name, Optional<string?> Color, Optional<bool?> Archive, int? Version);

/// <summary>The body of <c>PATCH /api/label/{uuid}</c>: only <c>archive</c> (and <c>version</c>); any other key is reported.</summary>
internal sealed record ArchiveRequest(Optional<bool?> Archive, int? Version)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>Reading label fields and the answers every label handler shares.</summary>
internal static class LabelFields
{
    public const string What = "label";

    /// <summary>The checked name; null when absent (reported when <paramref name="required"/>) or invalid (reported).</summary>
    public static string? Name(Optional<string?> name, bool required, Validation validation)
    {
        if (!name.IsPresent)
        {
            if (required)
            {
                validation.Add("name", "is required.");
            }
            return null;
        }
        return name.Check(validation, "name", "must be a string.") ? LabelBook.CheckName(name.Value, "name", validation) : null;
    }

    /// <summary>The checked colour; null when absent, empty or invalid (reported).</summary>
    public static string? Color(Optional<string?> color, Validation validation) =>
        color.Check(validation, "color", "must be a string.") ? LabelBook.CheckColor(color.Value, "color", validation) : null;

    /// <summary>The archive flag; null when absent or invalid (reported).</summary>
    public static bool? Archive(Optional<bool?> archive, Validation validation) =>
        archive.Check(validation, "archive", "must be true or false.") ? archive.Value : null;

    public static ProblemHttpResult NotFound() => Problems.NotFound("The label");

    public static ProblemHttpResult NameTaken(string name) => Problems.Conflict($"A label named \"{name}\" already exists in this workspace.");

    /// <summary>200 with the label and its version as ETag.</summary>
    public static Ok<LabelResponse> Ok(Label label, HttpContext http)
    {
        Concurrency.SetETag(http, label.Version);
        return TypedResults.Ok(LabelResponse.From(label));
    }
}
