using BudgetControl.Data.Entities;

namespace BudgetControl.Hosting.Accounts;

/// <summary>
/// The one JSON shape of workspace settings (the original's shape "b", extended with time zone and
/// locale): <c>{currency:{id,name,symbol,label,slug}, payment_type_id, time_zone, locale}</c>.
/// </summary>
public sealed record SettingsData(CurrencyData Currency, int PaymentTypeId, string TimeZone, string Locale)
{
    public static SettingsData From(WorkspaceSettings s) =>
        new(CurrencyData.From(s.Currency!), s.PaymentTypeId, s.TimeZone, s.Locale);
}

public sealed record CurrencyData(int Id, string Name, string Symbol, string Label, string Slug, int MinorUnits)
{
    public static CurrencyData From(Currency c) => new(c.Id, c.Name, c.Icon, c.Label, c.Slug, c.MinorUnits);
}

/// <summary>Settings row as the original's workspace responses carry it.</summary>
public sealed record SettingsResponse(Guid Uuid, string Setting, SettingsData Data, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SettingsResponse From(WorkspaceSettings s) => new(s.Uuid, s.Setting, SettingsData.From(s), s.CreatedAt, s.UpdatedAt);
}

/// <summary>A workspace as seen by one member (current and role are that member's).</summary>
public sealed record WorkspaceSummary(
    Guid Uuid, string Name, string? Description, bool Current, string Role, Guid OwnerUuid, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A member as listed in a workspace.</summary>
public sealed record MemberResponse(Guid Uuid, string Name, string? Email, string Role);
