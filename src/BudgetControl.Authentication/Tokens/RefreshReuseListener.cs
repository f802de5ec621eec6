using BudgetControl.Hosting.Sessions;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace BudgetControl.Authentication.Tokens;

/// <summary>
/// When a refresh request is refused, OpenIddict may just have revoked a whole token family (a rotated
/// refresh token was reused). Access tokens are checked against <see cref="RevokedSessions"/> (in memory),
/// so reload it now: the family's access tokens are refused from the very next request, and the other
/// processes are told through the shared stamp. Only failed refreshes pay this query.
/// </summary>
internal sealed class RefreshReuseListener(RevokedSessions revoked) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<RefreshReuseListener>()
            .SetOrder(int.MinValue + 50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (!string.IsNullOrEmpty(context.Error) && context.Request?.IsRefreshTokenGrantType() == true)
        {
            await revoked.ReloadAndPublishAsync(context.CancellationToken);
        }
    }
}
