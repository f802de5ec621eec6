using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace BudgetControl.Hosting;

/// <summary>How the outbox dispatcher hands a message over: to SMTP, or to the pickup folder when no SMTP host is set.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Mail settings: <c>Mail:From</c>, <c>Mail:Smtp:Host</c>, <c>Port</c>, <c>User</c>, <c>Password</c>, <c>Security</c>.</summary>
public sealed record MailOptions(string From, string? SmtpHost, int SmtpPort, string? User, string? Password, string Security, string PublicUrl)
{
    public static MailOptions Load(IConfiguration configuration) => new(
        configuration["Mail:From"] ?? "BudgetControl <no-reply@budgetcontrol.local>",
        configuration["Mail:Smtp:Host"],
        int.TryParse(configuration["Mail:Smtp:Port"], out var port) ? port : 25,
        configuration["Mail:Smtp:User"],
        configuration["Mail:Smtp:Password"],
        configuration["Mail:Smtp:Security"] ?? "Auto",
        (configuration["BudgetControl:PublicUrl"] ?? "http://localhost:8080").TrimEnd('/'));
}

/// <summary>
/// Sends through SMTP when a host is configured, and throws when the server is down (the outbox keeps the
/// message and retries); without a host, writes the message as an .eml file into <c>{data}/mail</c>.
/// </summary>
internal sealed class MailSender(MailOptions options, AppPaths paths) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(options.From));
        }
        if (options.SmtpHost is { Length: > 0 } host)
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            var security = Enum.TryParse<SecureSocketOptions>(options.Security, true, out var s) ? s : SecureSocketOptions.Auto;
            await client.ConnectAsync(host, options.SmtpPort, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return;
        }
        Directory.CreateDirectory(paths.MailDirectory);
        var file = Path.Combine(paths.MailDirectory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written aside and renamed, so a reader of the folder never sees half a message.
        var partial = file + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, file);
    }
}
