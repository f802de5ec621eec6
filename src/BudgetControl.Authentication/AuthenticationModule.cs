using System.Threading.RateLimiting;
using BudgetControl.Authentication.Accounts;
using BudgetControl.Authentication.Session;
using BudgetControl.Authentication.Tokens;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.RateLimiting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Authentication;

/// <summary>
/// The authentication service: accounts (ASP.NET Core Identity) and tokens (OpenIddict), behind the
/// original's <c>/api/auth/...</c> routes.
/// </summary>
public static class AuthenticationModule
{
    /// <summary>OWASP's current figure for PBKDF2-HMAC-SHA512, the algorithm of Identity's v3 hashes.</summary>
    public const int PasswordHashIterations = 210_000;

    /// <summary>Rate-limiting policy of every endpoint that computes a password hash.</summary>
    internal const string PasswordHashing = "password-hashing";

    public static WebApplicationBuilder AddAuthenticationModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var keys = builder.GetKeyRing();
        var paths = AppPaths.From(configuration);
        var settings = AuthSettings.From(configuration);
        services.AddSingleton(settings);

        services.AddDataProtection()
            .SetApplicationName("BudgetControl")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.KeysDirectory, "data-protection")));

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = settings.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                // The token endpoint applies the confirmation rule itself (SessionSettings: strict, or a grace period).
                o.SignIn.RequireConfirmedEmail = false;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
            })
            .AddEntityFrameworkStores<BudgetDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = settings.PasswordHashIterations);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // Hashing is deliberately slow: bound how many run at once (the rest wait in a queue, asynchronously)
        // so that a login flood cannot take the threads that other requests need.
        services.Configure<RateLimiterOptions>(o => o.AddConcurrencyLimiter(PasswordHashing, l =>
        {
            l.PermitLimit = settings.ConcurrentPasswordHashes;
            l.QueueLimit = 500;
            l.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
        }));
        services.AddScoped<AccountMails>();
        services.AddScoped<TokenRevocation>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<BudgetDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenEndpoint.Path);
                o.AllowPasswordFlow().AllowRefreshTokenFlow();
                o.AcceptAnonymousClients();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.OfflineAccess);
                o.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                o.SetIdentityTokenLifetime(settings.AccessTokenLifetime);
                o.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);
                o.SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);
                o.AddSigningKey(keys.SigningKey);
                o.AddEncryptionKey(keys.EncryptionKey);
                // Access tokens are signed JWTs that any service (or client) can verify with the JWKS.
                o.DisableAccessTokenEncryption();
                if (settings.Issuer is { } issuer)
                {
                    o.SetIssuer(issuer);
                }
                o.AddEventHandler(RefreshReuseListener.Descriptor);
                var aspnet = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                // TLS ends at the proxy (nginx) in every topology; the app itself speaks plain HTTP.
                aspnet.DisableTransportSecurityRequirement();
            });

        services.AddTransient<IStartupFilter, CompatTokenStartupFilter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuthenticationModule(this IEndpointRouteBuilder app)
    {
        app.MapTokenEndpoint();
        var auth = app.MapGroup("/api/auth").WithTags("Authentication");
        auth.MapSignUp();
        auth.MapEmailConfirmation();
        auth.MapPasswordReset();
        auth.MapSession();
        auth.MapTwoFactor();
        auth.MapProfile();
        return app;
    }
}

/// <summary>Authentication settings (section <c>Auth</c>), with secure defaults.</summary>
internal sealed record AuthSettings(
    string? Issuer,
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    TimeSpan RefreshTokenReuseLeeway,
    bool RequireConfirmedEmail,
    int MaxFailedAccessAttempts,
    TimeSpan LockoutDuration,
    int ConcurrentPasswordHashes,
    int PasswordHashIterations)
{
    public static AuthSettings From(IConfiguration c)
    {
        var leeway = Time(c["Auth:RefreshTokenReuseLeeway"], TimeSpan.FromSeconds(5));
        return new AuthSettings(
            string.IsNullOrWhiteSpace(c["Auth:Issuer"]) ? null : c["Auth:Issuer"],
            Time(c["Auth:AccessTokenLifetime"], TimeSpan.FromMinutes(15)),
            Time(c["Auth:RefreshTokenLifetime"], TimeSpan.FromDays(30)),
            // The brief allows at most 5 s for a retried refresh to be accepted.
            leeway > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : leeway,
            // Default false, as in Hosting's SessionSettings: unconfirmed accounts get a grace period (issue 11).
            bool.TryParse(c["Auth:RequireConfirmedEmail"], out var confirm) && confirm,
            int.TryParse(c["Auth:MaxFailedAccessAttempts"], out var attempts) && attempts > 0 ? attempts : 5,
            Time(c["Auth:LockoutDuration"], TimeSpan.FromMinutes(15)),
            int.TryParse(c["Auth:ConcurrentPasswordHashes"], out var hashes) && hashes > 0 ? hashes : Math.Max(1, Environment.ProcessorCount),
            // Lower only for test suites that sign up hundreds of users; never below 1,000.
            int.TryParse(c["Auth:PasswordHashIterations"], out var iterations) && iterations >= 1_000 ? iterations : AuthenticationModule.PasswordHashIterations);
    }

    private static TimeSpan Time(string? text, TimeSpan fallback) => TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
