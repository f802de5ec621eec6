using BudgetControl.Authentication.Tokens;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Authentication.Accounts;

internal sealed record ResetPasswordRequest(string? Password, string? PasswordConfirmation);

internal static class PasswordReset
{
    public static void MapPasswordReset(this RouteGroupBuilder auth)
    {
        auth.MapPost("/reset-password", Request);
        auth.MapPut("/reset-password/{token}", Complete).RequireRateLimiting(AuthenticationModule.PasswordHashing);
    }

    /// <summary>Mails a reset link to the account's owner; answers the same whether or not the address is known.</summary>
    private static async Task<Results<Ok<MessageResponse>, ValidationProblem>> Request(EmailRequest request, UserManager<User> users, AccountMails mails, CancellationToken ct)
    {
        var validation = new Validation().Required("email", request.Email, 254);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is not null)
        {
            await mails.SendPasswordResetAsync(user, ct);
        }
        return TypedResults.Ok(new MessageResponse("Email sent"));
    }

    /// <summary>Sets the new password, unlocks the account and signs the user out everywhere.</summary>
    private static async Task<Results<Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> Complete(
        string token, ResetPasswordRequest request, UserManager<User> users, TokenRevocation revocation, CancellationToken ct)
    {
        var validation = new Validation().Required("password", request.Password, 128);
        if (request.PasswordConfirmation is not null && request.PasswordConfirmation != request.Password)
        {
            validation.Add("password_confirmation", "does not match the password.");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var unpacked = AccountMails.Unpack(token);
        var user = unpacked is var (uuid, _) ? await users.Users.FirstOrDefaultAsync(u => u.Uuid == uuid, ct) : null;
        if (user is null)
        {
            return Problems.BadRequest("The reset link is not valid or has expired.");
        }
        var result = await users.ResetPasswordAsync(user, unpacked!.Value.IdentityToken, request.Password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? Problems.BadRequest("The reset link is not valid or has expired.")
                : TypedResults.ValidationProblem(IdentityErrors.ToFields(result));
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        if (!user.EmailConfirmed)
        {
            // Receiving the reset mail proves the address.
            user.EmailConfirmed = true;
            user.EmailVerifiedAt = DateTime.UtcNow;
            await users.UpdateAsync(user);
        }
        await revocation.RevokeAllAsync(user.Uuid, ct);
        return TypedResults.Ok(new MessageResponse("Password changed"));
    }
}
