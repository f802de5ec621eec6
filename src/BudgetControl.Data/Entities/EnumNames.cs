using System.Collections.Frozen;

namespace BudgetControl.Data.Entities;

/// <summary>The wire and database spelling of every enum, as the original API writes them.</summary>
public static class EnumNames
{
    private static readonly FrozenDictionary<WalletType, string> WalletTypes = new Dictionary<WalletType, string>
    {
        [WalletType.Bank] = "bank",
        [WalletType.Cache] = "cache",
        [WalletType.CreditCard] = "credit-card",
        [WalletType.CreditCardRevolving] = "credit-card-revolving",
        [WalletType.Investment] = "investment",
        [WalletType.Loan] = "loan",
        [WalletType.Other] = "other",
        [WalletType.PrepaidCard] = "prepaid-card",
        [WalletType.Voucher] = "voucher",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<EntryType, string> EntryTypes = new Dictionary<EntryType, string>
    {
        [EntryType.Expenses] = "expenses",
        [EntryType.Incoming] = "incoming",
        [EntryType.Transfer] = "transfer",
        [EntryType.Debit] = "debit",
        [EntryType.Saving] = "saving",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Planning, string> Plannings = new Dictionary<Planning, string>
    {
        [Planning.Daily] = "daily",
        [Planning.Weekly] = "weekly",
        [Planning.Monthly] = "monthly",
        [Planning.Yearly] = "yearly",
        [Planning.OneShot] = "one-shot",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<GoalStatus, string> GoalStatuses = new Dictionary<GoalStatus, string>
    {
        [GoalStatus.Active] = "active",
        [GoalStatus.Complete] = "complete",
        [GoalStatus.Pending] = "pending",
        [GoalStatus.Paused] = "paused",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<CategoryType, string> CategoryTypes = new Dictionary<CategoryType, string>
    {
        [CategoryType.Expenses] = "expenses",
        [CategoryType.Incoming] = "incoming",
        [CategoryType.Investments] = "investments",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<WorkspaceRole, string> Roles = new Dictionary<WorkspaceRole, string>
    {
        [WorkspaceRole.Viewer] = "viewer",
        [WorkspaceRole.Member] = "member",
        [WorkspaceRole.Admin] = "admin",
        [WorkspaceRole.Owner] = "owner",
    }.ToFrozenDictionary();

    public static string Name(this WalletType value) => WalletTypes[value];
    public static string Name(this EntryType value) => EntryTypes[value];
    public static string Name(this Planning value) => Plannings[value];
    public static string Name(this GoalStatus value) => GoalStatuses[value];
    public static string Name(this CategoryType value) => CategoryTypes[value];
    public static string Name(this WorkspaceRole value) => Roles[value];

    public static bool TryParse(string? text, out WalletType value) => TryFind(WalletTypes, text, out value);
    public static bool TryParse(string? text, out EntryType value) => TryFind(EntryTypes, text, out value);
    public static bool TryParse(string? text, out GoalStatus value) => TryFind(GoalStatuses, text, out value);
    public static bool TryParse(string? text, out CategoryType value) => TryFind(CategoryTypes, text, out value);
    public static bool TryParse(string? text, out WorkspaceRole value) => TryFind(Roles, text, out value);

    public static bool TryParse(string? text, out Planning value)
    {
        // The original database enum says "once-shot" while its code says "one-shot": accept both.
        if (string.Equals(text, "once-shot", StringComparison.OrdinalIgnoreCase))
        {
            value = Planning.OneShot;
            return true;
        }
        return TryFind(Plannings, text, out value);
    }

    public static IReadOnlyCollection<string> AllWalletTypes => WalletTypes.Values;
    public static IReadOnlyCollection<string> AllRoles => Roles.Values;

    internal static string Format<TEnum>(FrozenDictionary<TEnum, string> map, TEnum value)
        where TEnum : struct, Enum
        => map[value];

    internal static TEnum Parse<TEnum>(FrozenDictionary<TEnum, string> map, string text)
        where TEnum : struct, Enum
        => TryFind(map, text, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} '{text}' in the database.");

    private static bool TryFind<TEnum>(FrozenDictionary<TEnum, string> map, string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var (key, name) in map)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = key;
                return true;
            }
        }
        value = default;
        return false;
    }

    internal static FrozenDictionary<WalletType, string> WalletMap => WalletTypes;
    internal static FrozenDictionary<EntryType, string> EntryMap => EntryTypes;
    internal static FrozenDictionary<Planning, string> PlanningMap => Plannings;
    internal static FrozenDictionary<GoalStatus, string> GoalMap => GoalStatuses;
    internal static FrozenDictionary<CategoryType, string> CategoryMap => CategoryTypes;
    internal static FrozenDictionary<WorkspaceRole, string> RoleMap => Roles;
}
