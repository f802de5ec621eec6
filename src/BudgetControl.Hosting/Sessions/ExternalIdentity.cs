using System.Security.Claims;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Validation.AspNetCore;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// An external OpenID Connect authority trusted beside the built-in one (<c>Auth:External:*</c>), shaped after an
/// AWS Cognito user pool: its discovery document and JWKS are fetched from <c>{Authority}/.well-known/openid-configuration</c>,
/// and an access token is accepted when it is signed by one of its keys (RS256), names it as issuer, is unexpired,
/// says <c>token_use: access</c> and names an allowed <c>client_id</c> (Cognito access tokens carry no audience).
/// </summary>
public sealed record ExternalAuthority(string Issuer, string? MetadataAddress, IReadOnlySet<string> ClientIds, bool RequireHttpsMetadata)
{
    public const string Scheme = "external";

    public static ExternalAuthority? From(IConfiguration configuration)
    {
        if (configuration["Auth:External:Authority"] is not { Length: > 0 } authority)
        {
            return null;
        }
        var clients = (configuration["Auth:External:ClientIds"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clients.Length == 0)
        {
            throw new InvalidOperationException("Auth:External:ClientIds must list the app clients whose access tokens are accepted.");
        }
        return new ExternalAuthority(authority.TrimEnd('/'),
            string.IsNullOrWhiteSpace(configuration["Auth:External:MetadataAddress"]) ? null : configuration["Auth:External:MetadataAddress"],
            clients.ToHashSet(StringComparer.Ordinal),
            !bool.TryParse(configuration["Auth:External:RequireHttpsMetadata"], out var https) || https);
    }

    /// <summary>
    /// Registers the <see cref="Scheme"/> bearer scheme and the default scheme that sends each request to it or
    /// to the built-in validation by the token's (unverified) issuer; verification is then the chosen scheme's.
    /// </summary>
    internal void AddTo(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddSingleton<ExternalUsers>();
        services.AddAuthentication(ForwardingScheme)
            .AddPolicyScheme(ForwardingScheme, "Built-in or external bearer token", o => o.ForwardDefaultSelector = http =>
                IsExternal(http) ? Scheme : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddJwtBearer(Scheme, o =>
            {
                o.Authority = Issuer;
                if (MetadataAddress is not null)
                {
                    o.MetadataAddress = MetadataAddress;
                }
                o.RequireHttpsMetadata = RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidateIssuer = true,
                    ValidateAudience = false, // client_id is checked instead (Cognito access tokens have no aud)
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "username",
                };
                o.Events = new JwtBearerEvents { OnTokenValidated = OnTokenValidatedAsync };
            });
    }

    /// <summary>The policy scheme that sends a token to the external or the built-in validation (behind <see cref="ValidatedTokens"/>).</summary>
    internal const string ForwardingScheme = "bearer";

    private bool IsExternal(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var token = header[7..].Trim();
        try
        {
            return token.Count(c => c == '.') == 2
                && new JsonWebToken(token).Issuer is { } issuer
                && string.Equals(issuer.TrimEnd('/'), Issuer, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (principal.FindFirstValue("token_use") != "access")
        {
            context.Fail("Only access tokens are accepted (token_use must be 'access').");
            return;
        }
        if (principal.FindFirstValue("client_id") is not { } client || !ClientIds.Contains(client))
        {
            context.Fail("The token was issued to a client this server does not trust.");
            return;
        }
        if (principal.FindFirstValue(JwtRegisteredClaimNames.Sub) is not { Length: > 0 } subject)
        {
            context.Fail("The token names no subject.");
            return;
        }
        var users = context.HttpContext.RequestServices.GetRequiredService<ExternalUsers>();
        var local = await users.LocalUserAsync(this, subject, principal, context.HttpContext.RequestAborted);
        if (local is null)
        {
            context.Fail("The external account cannot be used here.");
            return;
        }
        // From here on the request is the local user's: tenancy reads 'sub' as a local user uuid.
        var identity = new ClaimsIdentity(Scheme, JwtRegisteredClaimNames.Sub, null);
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, local.Value.ToString()));
        identity.AddClaim(new Claim("external_sub", subject));
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Iss, Issuer));
        context.Principal = new ClaimsPrincipal(identity);
    }
}

/// <summary>
/// Maps an external subject to a local user, kept in memory for ten minutes: first by the stored external login
/// (<c>user_logins</c>: provider = the issuer, key = the subject), then by a verified e-mail address of an existing
/// account (which is then linked), else a new local user is created on first sight. An unverified address never
/// links to an existing account, so an external provider cannot take over a local account by claiming its e-mail.
/// </summary>
internal sealed class ExternalUsers(IServiceScopeFactory scopes, IMemoryCache memory, ILogger<ExternalUsers> logger)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    public async Task<Guid?> LocalUserAsync(ExternalAuthority authority, string subject, ClaimsPrincipal principal, CancellationToken ct)
    {
        var key = ("bc:external-user", authority.Issuer, subject);
        if (memory.TryGetValue(key, out Guid known))
        {
            return known;
        }
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var uuid = await FindOrCreateAsync(db, Truncate(authority.Issuer, 128), subject, principal, ct);
                await tx.CommitAsync(ct);
                if (uuid is { } found)
                {
                    memory.Set(key, found, Remembered);
                }
                return uuid;
            }
            catch (DbUpdateException)
            {
                // Another request (or process) created or linked the same subject first: look again.
                logger.LogInformation("Concurrent first sight of an external subject; looking again");
            }
        }
        return null;
    }

    private static async Task<Guid?> FindOrCreateAsync(BudgetDbContext db, string provider, string subject, ClaimsPrincipal principal, CancellationToken ct)
    {
        var logins = db.Set<IdentityUserLogin<int>>();
        var linked = await logins.Where(l => l.LoginProvider == provider && l.ProviderKey == subject)
            .Join(db.Users, l => l.UserId, u => u.Id, (l, u) => new { u.Uuid, u.LockoutEnd })
            .FirstOrDefaultAsync(ct);
        if (linked is not null)
        {
            return linked.LockoutEnd > DateTimeOffset.UtcNow ? null : linked.Uuid;
        }

        var email = principal.FindFirstValue("email");
        var verified = email is { Length: > 0 } && bool.TryParse(principal.FindFirstValue("email_verified"), out var v) && v;
        var normalized = email?.Trim().ToUpperInvariant();
        var user = verified ? await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct) : null;
        if (user is null)
        {
            // A new local account; the address is kept only when verified and not another account's.
            var keepEmail = verified && !await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalized, ct);
            var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("username") ?? principal.FindFirstValue("cognito:username") ?? email ?? subject;
            user = new User
            {
                Name = name.Length > 255 ? name[..255] : name,
                UserName = Truncate($"{provider}|{subject}", 256),
                NormalizedUserName = Truncate($"{provider}|{subject}", 256).ToUpperInvariant(),
                Email = keepEmail ? email!.Trim() : null,
                NormalizedEmail = keepEmail ? normalized : null,
                EmailConfirmed = keepEmail,
                EmailVerifiedAt = keepEmail ? DateTime.UtcNow : null,
                ExternalSubject = subject,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
        }
        else if (user.LockoutEnd > DateTimeOffset.UtcNow)
        {
            return null;
        }
        logins.Add(new IdentityUserLogin<int> { LoginProvider = provider, ProviderKey = subject, ProviderDisplayName = "external", UserId = user.Id });
        await db.SaveChangesAsync(ct);
        return user.Uuid;
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
