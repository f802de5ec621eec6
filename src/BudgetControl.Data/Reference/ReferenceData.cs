using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using BudgetControl.Data.Entities;

namespace BudgetControl.Data.Reference;

/// <summary>
/// Reference rows seeded with the original BudgetControl's ids, so that existing clients that send
/// category 55 or currency 2 keep meaning the same thing. The rows are static: migrations seed them from
/// these lists, and they change only with a release, so request handlers look them up here, in memory,
/// never in the database (<see cref="CurrencyById"/>, <see cref="IsSubCategory"/>, ...).
/// </summary>
public static class ReferenceData
{
    private static readonly DateTime Seeded = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static FrozenDictionary<int, Currency>? _currencyById;
    private static FrozenDictionary<string, Currency>? _currencyByCode;
    private static FrozenDictionary<int, SubCategory>? _subCategoryById;
    private static FrozenDictionary<int, Category>? _categoryById;
    private static FrozenDictionary<int, PaymentType>? _paymentTypeById;

    /// <summary>The currency with this id; null when there is none. Shared instance: read it, never attach or change it.</summary>
    public static Currency? CurrencyById(int id) =>
        (_currencyById ??= Currencies.ToFrozenDictionary(c => c.Id)).GetValueOrDefault(id);

    /// <summary>The currency with this ISO 4217 code (any case); null when there is none.</summary>
    public static Currency? CurrencyByCode(string code) =>
        (_currencyByCode ??= Currencies.ToFrozenDictionary(c => c.Label, StringComparer.OrdinalIgnoreCase)).GetValueOrDefault(code.Trim());

    public static SubCategory? SubCategoryById(int id) =>
        (_subCategoryById ??= SubCategories.ToFrozenDictionary(s => s.Id)).GetValueOrDefault(id);

    public static Category? CategoryById(int id) =>
        (_categoryById ??= Categories.ToFrozenDictionary(c => c.Id)).GetValueOrDefault(id);

    public static PaymentType? PaymentTypeById(int id) =>
        (_paymentTypeById ??= PaymentTypes.ToFrozenDictionary(p => p.Id)).GetValueOrDefault(id);

    public static bool IsSubCategory(int id) => SubCategoryById(id) is not null;

    public static bool IsPaymentType(int id) => PaymentTypeById(id) is not null;

    public static IReadOnlyList<PaymentType> PaymentTypes { get; } =
    [
        Payment(1, "Credit Card", "credit_card"),
        Payment(2, "Debit Card", "debit_card"),
        Payment(3, "Bank Transfer", "bank_transfer"),
        Payment(4, "Cash", "cash"),
        Payment(5, "Check", "check"),
    ];

    public static IReadOnlyList<Currency> Currencies { get; } =
    [
        Money(1, "United States Dollar", "USD", "$"),
        Money(2, "Euro", "EUR", "€"),
        Money(3, "British Pound", "GBP", "£"),
        Money(4, "Japanese Yen", "JPY", "¥", minorUnits: 0),
        Money(5, "Swiss Franc", "CHF", "CHF"),
        Money(6, "Canadian Dollar", "CAD", "CA$"),
        Money(7, "Australian Dollar", "AUD", "A$"),
        Money(8, "New Zealand Dollar", "NZD", "NZ$"),
        Money(9, "Swedish Krona", "SEK", "kr"),
        Money(10, "Norwegian Krone", "NOK", "kr"),
        Money(11, "Danish Krone", "DKK", "kr"),
        Money(12, "Singapore Dollar", "SGD", "S$"),
        Money(13, "Hong Kong Dollar", "HKD", "HK$"),
        Money(14, "Chinese Yuan", "CNY", "¥"),
        Money(15, "Russian Ruble", "RUB", "₽"),
        Money(16, "Indian Rupee", "INR", "₹"),
        Money(17, "Indonesian Rupiah", "IDR", "Rp"),
        Money(18, "Brazilian Real", "BRL", "R$"),
        Money(19, "Mexican Peso", "MXN", "MX$"),
        Money(20, "Argentine Peso", "ARS", "$"),
    ];

    public static IReadOnlyList<Category> Categories { get; } =
    [
        Cat(1, "Food & drinks", "food_drinks", "fas fa-hamburger", CategoryType.Expenses),
        Cat(2, "Shopping", "shopping", "fas fa-shopping-bag", CategoryType.Expenses),
        Cat(3, "Home", "home", "fas fa-home", CategoryType.Expenses),
        Cat(4, "Transport", "transport", "fas fa-bus", CategoryType.Expenses),
        Cat(5, "Vehicles", "vehicles", "fas fa-car", CategoryType.Expenses),
        Cat(6, "Entertainment", "entertainment", "fas fa-glass-cheers", CategoryType.Expenses),
        Cat(7, "Communication & PC", "communication_pc", "fas fa-laptop", CategoryType.Expenses),
        Cat(8, "Financial expenses", "financial_expenses", "fas fa-file-invoice-dollar", CategoryType.Expenses),
        Cat(9, "Investments", "investments", "fas fa-chart-line", CategoryType.Investments),
        Cat(10, "Income", "income", "fas fa-money-bill-wave", CategoryType.Incoming),
        Cat(11, "Other", "other", "fas fa-question", CategoryType.Expenses),
    ];

    public static IReadOnlyList<SubCategory> SubCategories { get; } =
    [
        Sub(1, 1, "Bars & clubs", "bars_clubs"),
        Sub(2, 1, "Restaurants & fast food", "restaurants_fast_food"),
        Sub(3, 1, "Groceries", "groceries"),
        Sub(4, 2, "Clothing & shoes", "clothing_shoes"),
        Sub(5, 2, "Pets", "pets"),
        Sub(6, 2, "Beauty & wellness", "beauty_wellness"),
        Sub(7, 2, "Stationery & tools", "stationery_tools"),
        Sub(8, 2, "Home & garden", "home_garden"),
        Sub(9, 2, "Electronics & accessories", "electronics_accessories"),
        Sub(10, 2, "Pharmacy", "pharmacy"),
        Sub(11, 2, "Children", "children"),
        Sub(12, 2, "Jewelry & accessories", "jewelry_accessories"),
        Sub(13, 2, "Gifts", "gifts"),
        Sub(14, 2, "Family assistance", "family_assistance"),
        Sub(15, 2, "Leisure", "leisure"),
        Sub(16, 3, "Rent", "rent"),
        Sub(17, 3, "Property insurance", "property_insurance"),
        Sub(18, 3, "Condominium", "condominium"),
        Sub(19, 3, "Energy & utilities", "energy_utilities"),
        Sub(20, 3, "Maintenance", "maintenance"),
        Sub(21, 3, "Mortgage", "mortgage"),
        Sub(22, 4, "Taxi", "taxi"),
        Sub(23, 4, "Public transport", "public_transport"),
        Sub(24, 4, "Trips", "trips"),
        Sub(25, 4, "Business trips", "business_trips"),
        Sub(26, 5, "Vehicle insurance", "vehicle_insurance"),
        Sub(27, 5, "Fuel", "fuel"),
        Sub(28, 5, "Vehicle maintenance", "vehicle_maintenance"),
        Sub(29, 5, "Rentals", "rentals"),
        Sub(30, 5, "Parking", "parking"),
        Sub(31, 5, "Tolls", "tolls"),
        Sub(32, 6, "Alcohol", "alcohol"),
        Sub(33, 6, "Tobacco", "tobacco"),
        Sub(34, 6, "Culture, sports & events", "culture_sports_events"),
        Sub(35, 6, "Donations & charity", "donations_charity"),
        Sub(36, 6, "Events", "events"),
        Sub(37, 6, "Wedding", "wedding"),
        Sub(38, 6, "Training & development", "training_development"),
        Sub(39, 6, "Hobbies", "hobbies"),
        Sub(40, 6, "Books, audio & subscriptions", "books_audio_subscriptions"),
        Sub(41, 6, "Lotteries & gambling", "lotteries_gambling"),
        Sub(42, 6, "Health", "health"),
        Sub(43, 6, "Sports & fitness", "sports_fitness"),
        Sub(44, 6, "TV & streaming", "tv_streaming"),
        Sub(45, 6, "Holidays", "holidays"),
        Sub(46, 6, "Hotels", "hotels"),
        Sub(47, 7, "Internet", "internet"),
        Sub(48, 7, "Postal services", "postal_services"),
        Sub(49, 7, "Software, apps & games", "software_apps_games"),
        Sub(50, 7, "Telephone", "telephone"),
        Sub(51, 8, "Family allowance", "family_allowance"),
        Sub(52, 8, "Insurance", "insurance"),
        Sub(53, 8, "Consultancy", "consultancy"),
        Sub(54, 8, "Fines", "fines"),
        Sub(55, 8, "Loans & interests", "loans_interests"),
        Sub(56, 8, "Taxes", "taxes"),
        Sub(57, 8, "Taxes & commissions", "taxes_commissions"),
        Sub(58, 9, "Real estate", "real_estate"),
        Sub(59, 9, "Movable property", "movable_property"),
        Sub(60, 9, "Financial investments", "financial_investments"),
        Sub(61, 9, "Collections", "collections"),
        Sub(62, 9, "Savings", "savings"),
        Sub(63, 10, "Checks", "checks"),
        Sub(64, 10, "Coupons", "coupons"),
        Sub(65, 10, "Family allowance", "family_allowance"),
        Sub(66, 10, "Rental income", "rental_income"),
        Sub(67, 10, "Interest & dividends", "interest_dividends"),
        Sub(68, 10, "Lotteries & gambling", "lotteries_gambling"),
        Sub(69, 10, "Loans & rentals", "loans_rentals"),
        Sub(70, 10, "Quotas & grants", "quotas_grants"),
        Sub(71, 10, "Gifts", "gifts"),
        Sub(72, 10, "Refunds (taxes, purchases)", "refunds_taxes_purchases"),
        Sub(73, 10, "Salary", "salary"),
        Sub(74, 10, "Sales", "sales"),
        Sub(75, 11, "Other", "other"),
        Sub(76, 11, "Transfer", "transfer", excludeFromStats: true),
    ];

    private static PaymentType Payment(int id, string name, string slug) => new()
    {
        Id = id, Uuid = StableUuid("payment-type", id), Name = name, Slug = slug, CreatedAt = Seeded, UpdatedAt = Seeded,
    };

    private static Currency Money(int id, string name, string code, string icon, int minorUnits = 2) => new()
    {
        Id = id, Name = name, Label = code, Icon = icon, MinorUnits = minorUnits,
        Slug = name.ToLowerInvariant().Replace(' ', '_'), CreatedAt = Seeded, UpdatedAt = Seeded,
    };

    private static Category Cat(int id, string name, string slug, string icon, CategoryType type) => new()
    {
        Id = id, Uuid = StableUuid("category", id), Name = name, Slug = slug, Icon = icon, Type = type, CreatedAt = Seeded, UpdatedAt = Seeded,
    };

    private static SubCategory Sub(int id, int categoryId, string name, string slug, bool excludeFromStats = false) => new()
    {
        Id = id, Uuid = StableUuid("sub-category", id), CategoryId = categoryId, Name = name, Slug = slug,
        ExcludeFromStats = excludeFromStats, CreatedAt = Seeded, UpdatedAt = Seeded,
    };

    /// <summary>The same UUID for the same seeded row on every database (seed data must be deterministic).</summary>
    private static Guid StableUuid(string kind, int id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"budgetcontrol:{kind}:{id}"))[..16];
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style name-based id (SHA-256, truncated)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
