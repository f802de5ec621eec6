using System.Text;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BudgetControl.Authentication.Accounts;

/// <summary>
/// The account e-mails (confirmation, password reset) and the one-time links they carry. A link token is
/// the user's uuid and an Identity token, base64url-encoded, so the original routes
/// (<c>/confirm/{token}</c>, <c>/reset-password/{token}</c>) need nothing else.
/// </summary>
internal sealed class AccountMails(UserManager<User> users, IMailSender mail, MailOptions options, ILogger<AccountMails> logger)
{
    public async Task SendConfirmationAsync(User user, CancellationToken ct)
    {
        var token = Pack(user.Uuid, await users.GenerateEmailConfirmationTokenAsync(user));
        await SendAsync(user, "Confirm your BudgetControl account",
            $"""
            Hello {user.Name},

            welcome to BudgetControl. Confirm your e-mail address by opening this link:
            {options.PublicUrl}/app/auth/confirm/{token}

            (API: GET {options.PublicUrl}/api/auth/confirm/{token})

            If you did not sign up, ignore this message.
            """, ct);
    }

    public async Task SendPasswordResetAsync(User user, CancellationToken ct)
    {
        var token = Pack(user.Uuid, await users.GeneratePasswordResetTokenAsync(user));
        await SendAsync(user, "Reset your BudgetControl password",
            $"""
            Hello {user.Name},

            somebody (hopefully you) asked to reset your password. Choose a new one here:
            {options.PublicUrl}/app/auth/reset-password/{token}

            (API: PUT {options.PublicUrl}/api/auth/reset-password/{token} with {"{"}"password": "..."{"}"})

            The link works once and expires. If you did not ask for it, ignore this message.
            """, ct);
    }

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

    private async Task SendAsync(User user, string subject, string text, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(user.Name, user.Email ?? ""));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        try
        {
            await mail.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Mail is a dependency: when it fails the account flow still succeeds and the user can ask again.
            logger.LogError(ex, "Could not send '{Subject}' to user {User}", subject, user.Uuid);
        }
    }
}
