using System.Globalization;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Authentication.Accounts;

internal sealed record TwoFactorStatus(bool Enabled);

internal sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

internal sealed record TwoFactorCode(string? Code);

internal sealed record TwoFactorEnabled(bool Enabled, IEnumerable<string> RecoveryCodes);

/// <summary>Optional TOTP two-factor authentication (Identity's authenticator provider).</summary>
internal static class TwoFactor
{
    public static void MapTwoFactor(this RouteGroupBuilder auth)
    {
        var group = auth.MapGroup("/2fa").RequireUser();
        group.MapGet("", Status);
        group.MapPost("/setup", Setup);
        group.MapPost("/enable", Enable);
        group.MapPost("/disable", Disable);
    }

    private static async Task<Ok<TwoFactorStatus>> Status(CurrentUser current, UserManager<User> users)
    {
        var user = await users.Users.FirstAsync(u => u.Id == current.Id);
        return TypedResults.Ok(new TwoFactorStatus(user.TwoFactorEnabled));
    }

    /// <summary>A new authenticator key (shown once as a QR code by the client); 2FA is enabled only after <c>/enable</c>.</summary>
    private static async Task<Ok<TwoFactorSetup>> Setup(CurrentUser current, UserManager<User> users)
    {
        var user = await users.Users.FirstAsync(u => u.Id == current.Id);
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/BudgetControl:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=BudgetControl&digits=6");
        return TypedResults.Ok(new TwoFactorSetup(key, uri));
    }

    private static async Task<Results<Ok<TwoFactorEnabled>, ValidationProblem>> Enable(TwoFactorCode request, CurrentUser current, UserManager<User> users)
    {
        var user = await users.Users.FirstAsync(u => u.Id == current.Id);
        if (string.IsNullOrWhiteSpace(request.Code)
            || await users.GetAuthenticatorKeyAsync(user) is null
            || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, request.Code.Replace(" ", "", StringComparison.Ordinal)))
        {
            return Problems.Invalid("code", "The authenticator code is wrong; call /setup first and enter the current code.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        return TypedResults.Ok(new TwoFactorEnabled(true, codes));
    }

    private static async Task<Results<Ok<TwoFactorStatus>, ValidationProblem>> Disable(TwoFactorCode request, CurrentUser current, UserManager<User> users)
    {
        var user = await users.Users.FirstAsync(u => u.Id == current.Id);
        var code = request.Code?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        var valid = code.Length > 0 && (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded);
        if (!valid)
        {
            return Problems.Invalid("code", "The authenticator or recovery code is wrong.");
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return TypedResults.Ok(new TwoFactorStatus(false));
    }
}
