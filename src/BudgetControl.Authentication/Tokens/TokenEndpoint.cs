using System.Security.Claims;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Authentication.Tokens;

/// <summary>
/// The OAuth 2.0 token endpoint (password and refresh-token grants). OpenIddict validates the request
/// and issues, rotates and revokes the tokens; this handler decides who the caller is.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/connect/token";

    /// <summary>Extra request parameter carrying a TOTP code for users with two-factor authentication.</summary>
    public const string OneTimeCodeParameter = "otp";

    private const string ConfirmFirst = "Confirm your e-mail address first: follow the link we sent you (or ask for a new one with /api/auth/verify-email).";

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, Exchange)
            .RequireRateLimiting(AuthenticationModule.PasswordHashing)
            .ExcludeFromDescription();

    private static async Task<IResult> Exchange(HttpContext http, UserManager<User> users, SignInManager<User> signIn, SessionSettings sessions, TimeProvider clock)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var user = await users.FindByEmailAsync(request.Username ?? "");
            if (user is null)
            {
                return Refuse(Errors.InvalidGrant, "The e-mail or password is wrong.");
            }
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                return Refuse(Errors.InvalidGrant, "Too many failed attempts: the account is locked for a while. Try again later or reset the password.");
            }
            if (!check.Succeeded)
            {
                return Refuse(Errors.InvalidGrant, "The e-mail or password is wrong.");
            }
            if (!sessions.MaySignIn(user, clock.GetUtcNow().UtcDateTime))
            {
                return Refuse(Errors.InvalidGrant, ConfirmFirst);
            }
            if (user.TwoFactorEnabled)
            {
                var code = (string?)request[OneTimeCodeParameter];
                if (string.IsNullOrWhiteSpace(code))
                {
                    return Refuse("two_factor_required", "Enter the code of your authenticator app.");
                }
                if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code.Replace(" ", "", StringComparison.Ordinal)))
                {
                    await users.AccessFailedAsync(user);
                    return Refuse(Errors.InvalidGrant, "The authenticator code is wrong.");
                }
            }
            return SignIn(user, request.GetScopes());
        }

        if (request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var user = Guid.TryParse(subject, out var uuid) ? await users.Users.FirstOrDefaultAsync(u => u.Uuid == uuid) : null;
            if (user is null || await users.IsLockedOutAsync(user))
            {
                return Refuse(Errors.InvalidGrant, "The refresh token is no longer valid.");
            }
            if (!sessions.MaySignIn(user, clock.GetUtcNow().UtcDateTime))
            {
                return Refuse(Errors.InvalidGrant, ConfirmFirst);
            }
            return SignIn(user, result.Principal!.GetScopes());
        }

        return Refuse(Errors.UnsupportedGrantType, "Only the password and refresh_token grants are supported.");
    }

    private static IResult SignIn(User user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Uuid.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.Name);
        // Our own clients always get a refresh token and an identity token, as the original API returned them.
        var scopes = new HashSet<string>(requestedScopes) { Scopes.OpenId, Scopes.OfflineAccess, Scopes.Email, Scopes.Profile };
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
