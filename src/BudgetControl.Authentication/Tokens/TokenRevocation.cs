using BudgetControl.Hosting.Sessions;
using OpenIddict.Abstractions;

namespace BudgetControl.Authentication.Tokens;

/// <summary>Revokes OpenIddict authorizations and every token issued under them.</summary>
internal sealed class TokenRevocation(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, RevokedSessions revoked)
{
    public async Task RevokeAuthorizationAsync(string authorizationId, CancellationToken ct)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, ct);
        if (authorization is not null)
        {
            await authorizations.TryRevokeAsync(authorization, ct);
        }
        await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        // Access tokens are checked against this in-memory set, not the database: mark it at once.
        await revoked.AddAsync([authorizationId], ct);
    }

    /// <summary>
    /// Signs the user out everywhere (after a password reset, say), or everywhere but the session
    /// <paramref name="keep"/> names (the one that changed the password).
    /// </summary>
    public async Task RevokeAllAsync(Guid userUuid, CancellationToken ct, string? keep = null)
    {
        var ids = new List<string>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userUuid.ToString(), ct))
        {
            if (await authorizations.GetIdAsync(authorization, ct) is { } id && id != keep)
            {
                ids.Add(id);
            }
        }
        foreach (var id in ids)
        {
            await RevokeAuthorizationAsync(id, ct);
        }
    }
}
