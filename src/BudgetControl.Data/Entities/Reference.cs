namespace BudgetControl.Data.Entities;

/// <summary>Fixed ids of reference rows that business rules name (they are the original's ids).</summary>
public static class ReferenceIds
{
    public const int DefaultCurrency = 2; // EUR
    public const int DefaultPaymentType = 1; // credit card
    public const int DebitSubCategory = 55; // loans & interests, forced on debits
    public const int TransferSubCategory = 75; // other, forced on transfers
}

public sealed class Currency
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>ISO 4217 code.</summary>
    public string Label { get; set; } = "";
    public string Icon { get; set; } = "";
    public string Slug { get; set; } = "";
    /// <summary>Digits after the decimal point of the currency's minor unit (2 for EUR, 0 for JPY).</summary>
    public int MinorUnits { get; set; } = 2;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class PaymentType
{
    public int Id { get; set; }
    public Guid Uuid { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class Category
{
    public int Id { get; set; }
    public Guid Uuid { get; set; }
    public string Name { get; set; } = "";
    public string Icon { get; set; } = "";
    public CategoryType Type { get; set; }
    public string Slug { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<SubCategory> SubCategories { get; set; } = [];
}

public sealed class SubCategory
{
    public int Id { get; set; }
    public Guid Uuid { get; set; }
    public string Name { get; set; } = "";
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public bool ExcludeFromStats { get; set; }
    public string Slug { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
