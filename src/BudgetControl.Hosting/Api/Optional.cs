using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// A field of a partial update: absent (leave the stored value), present (possibly null: clear it), or
/// present with a value of the wrong type (reported under the field's name instead of failing the whole body).
/// Bound by System.Text.Json through <see cref="OptionalConverterFactory"/>; an absent property keeps the default, absent.
/// </summary>
public readonly struct Optional<T>
{
    private readonly T? _value;

    private Optional(T? value, bool present, bool invalid)
    {
        _value = value;
        IsPresent = present;
        IsInvalid = invalid;
    }

    /// <summary>True when the body named the field, even as null or with a wrong type.</summary>
    public bool IsPresent { get; }

    /// <summary>True when the field was present but its value could not be read as <typeparamref name="T"/>.</summary>
    public bool IsInvalid { get; }

    /// <summary>True when the field was present and read.</summary>
    public bool HasValue => IsPresent && !IsInvalid;

    /// <summary>The value read; default when absent or invalid.</summary>
    public T? Value => _value;

    internal static Optional<T> Of(T? value) => new(value, present: true, invalid: false);

    /// <summary>A value given in code (the jobs building a request) is a present value, as if a client had sent it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2225", Justification = "Construction from code reads best as an implicit conversion.")]
    public static implicit operator Optional<T>(T? value) => Of(value);

    internal static Optional<T> Invalid() => new(default, present: true, invalid: true);

    /// <summary>The value read, or <paramref name="current"/> when the field was absent or invalid.</summary>
    public T? Or(T? current) => HasValue ? _value : current;

    /// <summary>Reports <paramref name="message"/> under <paramref name="field"/> when the value had the wrong type; returns <see cref="HasValue"/>.</summary>
    public bool Check(Validation validation, string field, string message)
    {
        if (IsInvalid)
        {
            validation.Add(field, message);
        }
        return HasValue;
    }
}

/// <summary>Binds <see cref="Optional{T}"/>: reads the value as <c>T</c> and remembers that it was there.</summary>
public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Optional<T>.Of(default);
            }
            // The whole value is buffered for a converter, so a wrong one can be skipped and reported by name.
            var start = reader;
            try
            {
                return Optional<T>.Of(JsonSerializer.Deserialize<T>(ref reader, options));
            }
            // Inside a converter a wrong token surfaces as the reader's InvalidOperationException, not yet a JsonException.
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                reader = start;
                reader.TrySkip();
                return Optional<T>.Invalid();
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
