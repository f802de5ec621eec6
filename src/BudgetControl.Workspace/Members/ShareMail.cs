using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BudgetControl.Workspace.Members;

/// <summary>
/// Tells a user that a workspace was shared with them. Best effort: the membership is already committed,
/// so a mail failure is logged and never fails the request.
/// </summary>
internal sealed class ShareMail(IMailSender sender, MailOptions options, ILogger<ShareMail> logger)
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(Invitee invitee, string sharedBy, string workspaceName, WorkspaceRole role)
    {
        if (string.IsNullOrWhiteSpace(invitee.Email))
        {
            return;
        }
        try
        {
            var message = new MimeMessage { Subject = "A workspace was shared with you on BudgetControl" };
            message.To.Add(new MailboxAddress(invitee.Name, invitee.Email));
            message.Body = new TextPart("plain")
            {
                Text = $"""
                    Hello {invitee.Name},

                    {sharedBy} shared the workspace "{workspaceName}" with you on BudgetControl (your role: {role.Name()}).

                    Open it here: {options.PublicUrl}/app/dashboard

                    If you did not expect this, you can leave the workspace from its settings page.
                    """,
            };
            // Not the request's token: the member is added either way, so the mail should still go out.
            using var timeout = new CancellationTokenSource(SendTimeout);
            await sender.SendAsync(message, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not send the workspace-shared mail to user {UserUuid}", invitee.Uuid);
        }
    }
}
