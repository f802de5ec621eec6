using System.Text;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BudgetControl.Authentication.Accounts;

/// <summary>
/// The account e-mails (confirmation, password reset) and the one-time links they carry. A link token is
/// the user's uuid and an Identity token, base64url-encoded, so the original routes
/// (<c>/confirm/{token}</c>, <c>/reset-password/{token}</c>) need nothing else.
/// </summary>
internal sealed class AccountMails(UserManager<User> users, BudgetDbContext db, MailOutbox outbox, MailOptions options)
{
    /// <summary>Queues the confirmation mail; it is written by the caller's next SaveChanges (with the account it confirms).</summary>
    public async Task QueueConfirmationAsync(User user)
    {
        var token = Pack(user.Uuid, await users.GenerateEmailConfirmationTokenAsync(user));
        Queue(user, MailTemplates.SignUp, $"{options.PublicUrl}/app/auth/confirm/{token}", $"{options.PublicUrl}/api/auth/confirm/{token}");
    }

    /// <summary>Queues and saves the confirmation mail of an existing account, then wakes the dispatcher.</summary>
    public async Task SendConfirmationAsync(User user, CancellationToken ct)
    {
        await QueueConfirmationAsync(user);
        await db.SaveChangesAsync(ct);
        Sent();
    }

    public async Task SendPasswordResetAsync(User user, CancellationToken ct)
    {
        var token = Pack(user.Uuid, await users.GeneratePasswordResetTokenAsync(user));
        Queue(user, MailTemplates.PasswordReset, $"{options.PublicUrl}/app/auth/reset-password/{token}", $"{options.PublicUrl}/api/auth/reset-password/{token}");
        await db.SaveChangesAsync(ct);
        Sent();
    }

    /// <summary>After the commit that queued mail: this process's dispatcher sends it at once.</summary>
    public void Sent() => outbox.Kick();

    private void Queue(User user, string template, string link, string apiLink) =>
        outbox.Enqueue(db, template, user.Locale, user.Name, user.Email ?? "", new Dictionary<string, string>
        {
            ["name"] = user.Name,
            ["link"] = link,
            ["api_link"] = apiLink,
        });

    public static string Pack(Guid userUuid, string identityToken) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{userUuid:N}:{identityToken}"));

    public static (Guid UserUuid, string IdentityToken)? Unpack(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && Guid.TryParseExact(text[..colon], "N", out var uuid) ? (uuid, text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
