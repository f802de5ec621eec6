using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Authentication.Accounts;

internal sealed record EmailRequest(string? Email);

internal sealed record MessageResponse(string Message);

internal static class EmailConfirmation
{
    public static void MapEmailConfirmation(this RouteGroupBuilder auth)
    {
        auth.MapGet("/confirm/{token}", Confirm);
        auth.MapPost("/verify-email", SendAgain);
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Confirm(string token, UserManager<User> users, TimeProvider clock)
    {
        if (AccountMails.Unpack(token) is not var (uuid, identityToken))
        {
            return Problems.BadRequest("The confirmation link is not valid.");
        }
        var user = await users.Users.FirstOrDefaultAsync(u => u.Uuid == uuid);
        if (user is null)
        {
            return Problems.BadRequest("The confirmation link is not valid.");
        }
        if (user.EmailConfirmed)
        {
            return TypedResults.Ok(new MessageResponse("Email already confirmed"));
        }
        var result = await users.ConfirmEmailAsync(user, identityToken);
        if (!result.Succeeded)
        {
            return Problems.BadRequest("The confirmation link is not valid or has expired. Ask for a new one.");
        }
        user.EmailVerifiedAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        return TypedResults.Ok(new MessageResponse("Email confirmed"));
    }

    /// <summary>Sends the confirmation again; answers the same whether or not the address is known.</summary>
    private static async Task<Results<Ok<MessageResponse>, ValidationProblem>> SendAgain(EmailRequest request, UserManager<User> users, AccountMails mails, CancellationToken ct)
    {
        var validation = new Validation().Required("email", request.Email, 254);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is { EmailConfirmed: false })
        {
            await mails.SendConfirmationAsync(user, ct);
        }
        return TypedResults.Ok(new MessageResponse("Email sent"));
    }
}
