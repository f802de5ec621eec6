using BudgetControl.Authentication.Tokens;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Cache;
using BudgetControl.Hosting.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Authentication.Accounts;

/// <summary>The signed-in user's own profile; <c>locale</c> is also the language of the mails they get.</summary>
internal sealed record ProfileResponse(Guid Uuid, string Name, string? Email, string Locale, bool TwoFactor)
{
    public static ProfileResponse From(User user) => new(user.Uuid, user.Name, user.Email, user.Locale, user.TwoFactorEnabled);
}

/// <summary>A partial update: an absent field keeps its value.</summary>
internal sealed record ProfileRequest(Optional<string?> Name, Optional<string?> Locale);

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? Password, string? PasswordConfirmation);

/// <summary>What a signed-in user changes about themself: name, language (of the screen and the mails), password.</summary>
internal static class Profile
{
    public static void MapProfile(this RouteGroupBuilder auth)
    {
        var own = auth.MapGroup("").RequireUser();
        own.MapGet("/profile", Get);
        own.MapPut("/profile", Update);
        own.MapPut("/password", ChangePassword).RequireRateLimiting(AuthenticationModule.PasswordHashing);
    }

    private static async Task<Ok<ProfileResponse>> Get(CurrentUser current, BudgetDbContext db, CancellationToken ct) =>
        TypedResults.Ok(ProfileResponse.From(await db.Users.AsNoTracking().FirstAsync(u => u.Id == current.Id, ct)));

    private static async Task<Results<Ok<ProfileResponse>, ValidationProblem>> Update(
        ProfileRequest request, CurrentUser current, UserManager<User> users, BudgetDbContext db, WorkspaceVersions versions, CancellationToken ct)
    {
        var validation = new Validation();
        var name = request.Name.Check(validation, "name", "must be a string.") ? SignUp.CheckName(request.Name.Value, validation) : null;
        string? locale = null;
        if (request.Locale.Check(validation, "locale", "must be a string."))
        {
            locale = MailTemplates.SupportedLanguage(request.Locale.Value);
            if (locale is null)
            {
                validation.Add("locale", $"must be one of: {string.Join(", ", MailTemplates.Languages)}.");
            }
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var user = await users.Users.FirstAsync(u => u.Id == current.Id, ct);
        var renamed = name is not null && name != user.Name;
        user.Name = name ?? user.Name;
        user.Locale = locale ?? user.Locale;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            return TypedResults.ValidationProblem(IdentityErrors.ToFields(saved));
        }
        if (renamed)
        {
            // Cached workspace reads show members' and owners' names: a rename makes them unreachable.
            var workspaceIds = await db.WorkspaceMembers.Where(m => m.UserId == current.Id).Select(m => m.WorkspaceId).ToListAsync(ct);
            foreach (var workspaceId in workspaceIds)
            {
                await versions.BumpAsync(workspaceId);
            }
        }
        return TypedResults.Ok(ProfileResponse.From(user));
    }

    /// <summary>
    /// Changes the password with the same rules as sign-up and reset. The other sessions end, as after a reset;
    /// the calling session keeps working (its access and refresh tokens stay valid). A wrong current password
    /// counts as a failed sign-in, so guessing it locks the account as guessing at the login would.
    /// </summary>
    private static async Task<Results<Ok<MessageResponse>, ValidationProblem>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, CurrentUser current, UserManager<User> users, TokenRevocation revocation, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("current_password", request.CurrentPassword, 128)
            .Required("password", request.Password, 128);
        if (request.PasswordConfirmation is not null && request.PasswordConfirmation != request.Password)
        {
            validation.Add("password_confirmation", "does not match the password.");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var user = await users.Users.FirstAsync(u => u.Id == current.Id, ct);
        if (await users.IsLockedOutAsync(user))
        {
            return Problems.Invalid("current_password", "Too many wrong passwords: the account is locked for a while.");
        }
        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.Password!);
        if (!changed.Succeeded)
        {
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
                return Problems.Invalid("current_password", "is wrong.");
            }
            return TypedResults.ValidationProblem(IdentityErrors.ToFields(changed));
        }
        await users.ResetAccessFailedCountAsync(user);
        await revocation.RevokeAllAsync(user.Uuid, ct, keep: http.User.GetClaim(Claims.Private.AuthorizationId));
        return TypedResults.Ok(new MessageResponse("Password changed"));
    }
}
