using System.Text.Json.Nodes;
using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// Sliding sessions for clients that never call <c>/api/auth/refresh</c> (the original web and mobile
/// apps, whose gateway renewed tokens itself, original-core §2.1 item 3). A request whose access token has
/// expired while its session is still valid (not signed out or revoked, the user still allowed to sign
/// in, the token issued within the refresh-token lifetime) is answered, and a fresh access token is sent
/// in the <c>Authorization: Bearer ...</c> response header. Each renewal starts a new window, so a session
/// used at least once per refresh-token lifetime stays open; logout and revocation end it at once.
/// Runs inside the default authentication scheme (<see cref="CachedBearerHandler"/>): it costs nothing on requests
/// whose token was validated before, one parse of the payload on the others; a renewal reads the session from the
/// database once per access-token lifetime.
/// </summary>
public sealed class SlidingSessions(KeyRing keys, RevokedSessions revoked, SessionSettings settings, TimeProvider clock, ILogger<SlidingSessions> logger)
{
    private const string AccessTokenType = "at+jwt";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>True when <paramref name="token"/> is a JWT whose <c>exp</c> has passed (nothing is verified here).</summary>
    public bool IsExpired(string token)
    {
        if (!_handler.CanReadToken(token))
        {
            return false;
        }
        try
        {
            var jwt = new JsonWebToken(token);
            return jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp)
                && DateTimeOffset.FromUnixTimeSeconds(exp) <= clock.GetUtcNow();
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A fresh access token for the session of the expired <paramref name="token"/>; null when the session may not go on.</summary>
    public async Task<string?> TryRenewAsync(string token, IServiceProvider services, CancellationToken ct)
    {
        var validation = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = keys.SigningKey,
            ValidateIssuerSigningKey = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidTypes = [AccessTokenType],
        });
        if (!validation.IsValid || validation.SecurityToken is not JsonWebToken expired)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (!expired.TryGetPayloadValue<string>(Claims.Private.AuthorizationId, out var authorizationId) || string.IsNullOrEmpty(authorizationId)
            || revoked.IsRevoked(authorizationId)
            || !expired.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var issuedAt)
            || DateTimeOffset.FromUnixTimeSeconds(issuedAt) + settings.RefreshTokenLifetime <= now
            || !Guid.TryParse(expired.Subject, out var subject))
        {
            return null;
        }

        var db = services.GetRequiredService<BudgetDbContext>();
        var status = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking()
            .Where(a => a.Id == authorizationId).Select(a => a.Status).FirstOrDefaultAsync(ct);
        if (status != Statuses.Valid
            || await db.Set<OpenIddictEntityFrameworkCoreToken>().AnyAsync(t => t.Authorization!.Id == authorizationId && t.Status == Statuses.Revoked, ct))
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Uuid == subject, ct);
        if (user is null || user.LockoutEnd > now || !settings.MaySignIn(user, now.UtcDateTime))
        {
            return null;
        }

        // The same claims (subject, session, scopes, issuer) with a new lifetime and identifier.
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(expired.EncodedPayload))!.AsObject();
        payload.Remove(Claims.Private.TokenId);
        payload[JwtRegisteredClaimNames.Iat] = now.ToUnixTimeSeconds();
        payload[JwtRegisteredClaimNames.Nbf] = now.ToUnixTimeSeconds();
        payload[JwtRegisteredClaimNames.Exp] = (now + settings.AccessTokenLifetime).ToUnixTimeSeconds();
        payload[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Renewed the expired access token of session {AuthorizationId}", authorizationId);
        }
        return _handler.CreateToken(
            payload.ToJsonString(),
            new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = AccessTokenType });
    }
}
