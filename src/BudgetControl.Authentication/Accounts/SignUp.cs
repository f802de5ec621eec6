using System.Net.Mail;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Authentication.Accounts;

/// <summary>The sign-up body; <c>locale</c> (optional, "en" or "it") is the language of the e-mails the user gets.</summary>
internal sealed record SignUpRequest(string? Name, string? Email, string? Password, string? PasswordConfirmation, string? Locale = null);

internal sealed record SignUpResponse(string Success, SignUpDetails Details);

internal sealed record SignUpDetails(Guid Uuid, string Email, bool EmailConfirmationRequired);

internal static class SignUp
{
    public static void MapSignUp(this RouteGroupBuilder auth) =>
        auth.MapPost("/sign-up", Handle).RequireRateLimiting(AuthenticationModule.PasswordHashing);

    private static async Task<Results<Created<SignUpResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        SignUpRequest request, UserManager<User> users, AccountMails mails, AuthSettings settings, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var name = CheckName(request.Name, validation);
        validation
            .Required("email", request.Email, 254)
            .Required("password", request.Password, 128);
        if (request.Email is { Length: > 0 } e && !IsEmail(e))
        {
            validation.Add("email", "is not a valid e-mail address.");
        }
        if (request.PasswordConfirmation is not null && request.PasswordConfirmation != request.Password)
        {
            validation.Add("password_confirmation", "does not match the password.");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var email = request.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Problems.Conflict("An account with this e-mail already exists. Sign in, or reset the password.");
        }
        var user = new User { UserName = email, Email = email, Name = name!, Locale = MailTemplates.Language(request.Locale) };
        // The account and its confirmation mail (in the outbox) are committed together, or neither is.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                return TypedResults.ValidationProblem(IdentityErrors.ToFields(created));
            }
            await mails.QueueConfirmationAsync(user);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        mails.Sent();
        return TypedResults.Created($"/api/auth/user-info",
            new SignUpResponse("Registration successfully", new SignUpDetails(user.Uuid, email, settings.RequireConfirmedEmail)));
    }

    /// <summary>The rule of a user's name, at sign-up and on the profile: required, trimmed, at most 255 characters.</summary>
    internal static string? CheckName(string? name, Validation validation)
    {
        validation.Required("name", name?.Trim());
        return validation.Has("name") ? null : name!.Trim();
    }

    internal static bool IsEmail(string value) =>
        MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);
}

/// <summary>Maps Identity's error codes to the JSON fields they concern.</summary>
internal static class IdentityErrors
{
    public static Dictionary<string, string[]> ToFields(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email"
                : "request")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
