using System.Text.Json;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The body of <c>POST /api/find</c>, with the original's field names (<c>account</c>, <c>category</c>,
/// <c>type</c>, <c>tags</c>, <c>text</c>, <c>planned</c>, <c>date_time</c>) plus the amount range the
/// original could not express. Every field is read by hand so that a wrong shape is a 400 naming it.
/// </summary>
internal sealed record FindRequest(
    JsonElement? Text,
    JsonElement? Account,
    JsonElement? Category,
    JsonElement? Type,
    JsonElement? Tags,
    JsonElement? Planned,
    JsonElement? DateTime,
    JsonElement? AmountMin,
    JsonElement? AmountMax);
