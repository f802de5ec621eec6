using Microsoft.AspNetCore.Identity;

namespace BudgetControl.Data.Entities;

/// <summary>A person who signs in. Credentials, lockout and 2FA are ASP.NET Core Identity's.</summary>
public sealed class User : IdentityUser<int>, ISoftDeletable
{
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public DateTime? EmailVerifiedAt { get; set; }
    /// <summary>Language of the e-mails sent to this user ("en" or "it"; BCP 47).</summary>
    public string Locale { get; set; } = "en";
    /// <summary>Subject at an external identity provider (Cognito, OIDC), when the user came from one.</summary>
    public string? ExternalSubject { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public List<WorkspaceMember> Memberships { get; set; } = [];
}
