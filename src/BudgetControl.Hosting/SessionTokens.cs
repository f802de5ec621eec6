using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Hosting;

/// <summary>What a valid workspace-session token says: this user works in this workspace.</summary>
public sealed record SessionClaims(Guid UserUuid, Guid WorkspaceUuid);

/// <summary>
/// The workspace-session token the clients send back as <c>X-BC-Token</c>. Unlike the original's
/// (which embedded the whole user-info and never expired) it carries only the user and workspace ids
/// and expires. Membership is checked on every request anyway, through <see cref="MembershipCache"/>
/// (so a removal reaches other processes within its 30-second cache lifetime).
/// </summary>
public sealed class SessionTokens(KeyRing keys, IConfiguration configuration, TimeProvider clock)
{
    public const string HeaderName = "X-BC-Token";
    private const string Issuer = "budgetcontrol-session";
    private const string Audience = "budgetcontrol";
    private const string WorkspaceClaim = "ws";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime { get; } = TimeSpan.TryParse(configuration["Auth:SessionTokenLifetime"], out var lifetime) ? lifetime : TimeSpan.FromHours(12);

    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userUuid, Guid workspaceUuid)
    {
        var now = clock.GetUtcNow();
        var expires = now + Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, userUuid.ToString()),
                new Claim(WorkspaceClaim, workspaceUuid.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(keys.SessionKey, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>The claims of a genuine, unexpired token; null for anything else (tampered, expired, alg:none...).</summary>
    public async Task<SessionClaims?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = keys.SessionKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } e && now <= e + parameters.ClockSkew && (notBefore is not { } nb || now >= nb - parameters.ClockSkew);
            },
        });
        if (!result.IsValid
            || !Guid.TryParse(result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var user)
            || !Guid.TryParse(result.ClaimsIdentity.FindFirst(WorkspaceClaim)?.Value, out var workspace))
        {
            return null;
        }
        return new SessionClaims(user, workspace);
    }
}
