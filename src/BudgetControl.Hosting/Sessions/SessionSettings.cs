using System.Globalization;
using BudgetControl.Data.Entities;
using Microsoft.Extensions.Configuration;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// Token lifetimes and the e-mail confirmation rule, read once from <c>Auth:*</c> for every process
/// (the issuer, the sliding renewal and user-info must agree).
/// </summary>
public sealed record SessionSettings(
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    bool RequireConfirmedEmail,
    TimeSpan UnconfirmedGracePeriod,
    TimeSpan RevocationRefreshInterval)
{
    public static SessionSettings From(IConfiguration c) => new(
        Time(c["Auth:AccessTokenLifetime"], TimeSpan.FromMinutes(15)),
        Time(c["Auth:RefreshTokenLifetime"], TimeSpan.FromDays(30)),
        // Default false: the original clients sign in right after sign-up; the grace period keeps confirmation meaningful.
        bool.TryParse(c["Auth:RequireConfirmedEmail"], out var strict) && strict,
        Time(c["Auth:UnconfirmedGracePeriod"], TimeSpan.FromDays(7)),
        Time(c["Auth:RevocationRefreshInterval"], TimeSpan.FromSeconds(5)));

    /// <summary>Whether <paramref name="user"/> may sign in (or keep a session) at <paramref name="now"/>.</summary>
    public bool MaySignIn(User user, DateTime now) => user.EmailConfirmed || ConfirmEmailBy(user) > now;

    /// <summary>Until when an unconfirmed account may sign in; null when confirmed (or when confirmation is required at once).</summary>
    public DateTime? ConfirmEmailBy(User user) =>
        user.EmailConfirmed ? null : RequireConfirmedEmail ? user.CreatedAt : user.CreatedAt + UnconfirmedGracePeriod;

    private static TimeSpan Time(string? text, TimeSpan fallback) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value : fallback;
}
