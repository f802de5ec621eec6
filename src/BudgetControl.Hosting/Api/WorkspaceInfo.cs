using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace BudgetControl.Hosting.Api;

/// <summary>The settings a money-moving request needs: base currency and time zone of the workspace.</summary>
public sealed record WorkspaceInfo(int WorkspaceId, int BaseCurrencyId, int BaseMinorUnits, string BaseCurrencyCode, TimeZoneInfo TimeZone, int DefaultPaymentTypeId)
{
    /// <summary>
    /// The workspace's settings, from this process's cache (see <see cref="WorkspaceInfoCache"/>) or the database.
    /// </summary>
    public static async Task<WorkspaceInfo> LoadAsync(BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var cache = Cache(db);
        if (cache?.Get(workspaceId) is { } cached)
        {
            return cached;
        }
        var info = await ReadAsync(db, workspaceId, ct);
        cache?.Set(info);
        return info;
    }

    /// <summary>Drops the cached settings after a write that changed them.</summary>
    public static void Forget(BudgetDbContext db, int workspaceId) => Cache(db)?.Remove(workspaceId);

    // The cache is the application's singleton; EF Core hands out application services to its contexts.
    private static WorkspaceInfoCache? Cache(BudgetDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(WorkspaceInfoCache)) as WorkspaceInfoCache;

    private static async Task<WorkspaceInfo> ReadAsync(BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        var settings = await db.WorkspaceSettings.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId)
            .Select(s => new { s.CurrencyId, s.TimeZone, s.PaymentTypeId })
            .WithGenericPlan()
            .FirstOrDefaultAsync(ct);
        // The currency is static reference data, read from memory.
        var currency = settings is null ? null : Data.Reference.ReferenceData.CurrencyById(settings.CurrencyId);
        var zone = settings is not null && TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return settings is null || currency is null
            ? new WorkspaceInfo(workspaceId, Data.Entities.ReferenceIds.DefaultCurrency, 2, "EUR", zone, Data.Entities.ReferenceIds.DefaultPaymentType)
            : new WorkspaceInfo(workspaceId, settings.CurrencyId, currency.MinorUnits, currency.Label, zone, settings.PaymentTypeId);
    }

    /// <summary>
    /// The UTC instant of a client's date: an explicit offset is honoured; a date without one is a local
    /// time in the workspace's time zone (the original compared UTC wall-clock strings).
    /// </summary>
    public bool TryParseInstant(string? text, out DateTime utc) => Clients.ClientDates.TryParseInstant(text, TimeZone, out utc);

    /// <summary>The calendar day a client's date means in the workspace's time zone (shared parser: <see cref="Clients.ClientDates"/>).</summary>
    public bool TryParseDay(string? text, out DateOnly day) => Clients.ClientDates.TryParseDay(text, TimeZone, out day);

    /// <summary>The instant shown in the workspace's time zone, ISO 8601 with offset (the original's ATOM format).</summary>
    public string Format(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Workspace settings (base currency, time zone) that every money request needs, kept in memory so that
/// no request queries them. A write in this process forgets them at once; other processes of the split
/// topology see a change within <see cref="Lifetime"/>.
/// </summary>
public sealed class WorkspaceInfoCache(IMemoryCache memory)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public WorkspaceInfo? Get(int workspaceId) => memory.Get<WorkspaceInfo>(Key(workspaceId));

    public void Set(WorkspaceInfo info) => memory.Set(Key(info.WorkspaceId), info, Lifetime);

    public void Remove(int workspaceId) => memory.Remove(Key(workspaceId));

    private static (string, int) Key(int workspaceId) => ("bc:workspace-info", workspaceId);
}
