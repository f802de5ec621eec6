namespace BudgetControl.Hosting;

/// <summary>Collects field errors of a request; empty means valid. Field names are the JSON names.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    /// <summary>True when <paramref name="field"/> is already reported (so a later check need not report it again).</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength = 255)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required.");
        }
        return value.Length > maxLength ? Add(field, $"must be at most {maxLength} characters.") : this;
    }

    public Validation MaxLength(string field, string? value, int maxLength)
        => value is { Length: var n } && n > maxLength ? Add(field, $"must be at most {maxLength} characters.") : this;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
