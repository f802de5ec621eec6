using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BudgetControl.Hosting;

/// <summary>The one way BudgetControl sends e-mail.</summary>
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
/// Sends through SMTP when a host is configured; otherwise, or when the SMTP server is down, writes the
/// message as an .eml file into <c>{data}/mail</c> so that nothing is lost and the app keeps working.
/// </summary>
internal sealed class MailSender(MailOptions options, AppPaths paths, ILogger<MailSender> logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(options.From));
        }
        if (options.SmtpHost is { Length: > 0 } host)
        {
            try
            {
                using var client = new SmtpClient();
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
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "SMTP server {Host} unavailable; mail to {To} kept in {Folder}", host, message.To, paths.MailDirectory);
            }
        }
        Directory.CreateDirectory(paths.MailDirectory);
        var file = Path.Combine(paths.MailDirectory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
    }
}
