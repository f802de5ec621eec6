using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Mail;

namespace BudgetControl.Workspace.Members;

/// <summary>
/// Tells a user that a workspace was shared with them, or that they were removed from it: the mail is
/// queued in the outbox by the same SaveChanges that changes the membership, so it goes out exactly when
/// the change happened (the jobs worker sends it; <see cref="MailOutbox.Kick"/> after the commit).
/// </summary>
internal sealed class ShareMail(MailOutbox outbox, MailOptions options)
{
    public void QueueShared(BudgetDbContext db, Invitee invitee, string sharedBy, string workspaceName, WorkspaceRole role)
    {
        if (!string.IsNullOrWhiteSpace(invitee.Email))
        {
            outbox.Enqueue(db, MailTemplates.WorkspaceShared, invitee.Locale, invitee.Name, invitee.Email, new Dictionary<string, string>
            {
                ["name"] = invitee.Name,
                ["by"] = sharedBy,
                ["workspace"] = workspaceName,
                ["role"] = role.Name(),
                ["link"] = $"{options.PublicUrl}/app/dashboard",
            });
        }
    }

    public void QueueUnshared(BudgetDbContext db, User removed, string removedBy, string workspaceName)
    {
        if (!string.IsNullOrWhiteSpace(removed.Email))
        {
            outbox.Enqueue(db, MailTemplates.WorkspaceUnshared, removed.Locale, removed.Name, removed.Email, new Dictionary<string, string>
            {
                ["name"] = removed.Name,
                ["by"] = removedBy,
                ["workspace"] = workspaceName,
            });
        }
    }

    public void Sent() => outbox.Kick();
}
