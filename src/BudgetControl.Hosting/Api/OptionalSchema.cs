using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Describes an <see cref="Optional{T}"/> field in the OpenAPI document as what a client sends: a value of
/// <c>T</c> (or null), never required; not as the wrapper's own properties.
/// </summary>
internal static class OptionalSchema
{
    public static async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, ct);
            schema.Type = inner.Type;
            schema.Format = inner.Format;
            schema.Pattern = inner.Pattern;
            schema.Properties = inner.Properties;
            schema.Required = inner.Required;
            return;
        }
        if (schema.Required is { Count: > 0 } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Optional<>))
                {
                    required.Remove(property.Name);
                }
            }
        }
    }
}
