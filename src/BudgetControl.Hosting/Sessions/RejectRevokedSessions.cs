using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// Refuses an access token whose session (OpenIddict authorization) was revoked, from the in-memory
/// <see cref="RevokedSessions"/>: the check costs no database round trip. Replaces OpenIddict's token-entry
/// and authorization-entry validation, which queried the database on every request (issue 9).
/// </summary>
internal sealed class RejectRevokedSessions(RevokedSessions revoked) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RejectRevokedSessions>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal?.GetAuthorizationId() is { Length: > 0 } id && revoked.IsRevoked(id))
        {
            context.Reject(Errors.InvalidToken, "The session of this token has ended (signed out or revoked).");
        }
        return default;
    }
}
