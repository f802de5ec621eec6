using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Workspace.Members;
using Microsoft.EntityFrameworkCore;
using WorkspaceEntity = BudgetControl.Data.Entities.Workspace;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>What creating a workspace came to: the new workspace, or the field errors.</summary>
internal sealed record CreateOutcome(WorkspaceEntity? Workspace, Dictionary<string, string[]> Errors);

/// <summary>
/// Creates a workspace from the original create payload; shared by <c>/api/workspace/create</c> and
/// finalize-sign-up. Everything is validated first, then the workspace, its owner and other members,
/// its settings and its first wallet are written in one transaction, so a failure leaves nothing behind.
/// </summary>
internal sealed class WorkspaceCreator(BudgetDbContext db, ShareMail mail)
{
    public const string DefaultWalletName = "Default Wallet";
    private const int NameMaxLength = 255;
    private const int DescriptionMaxLength = 2000;
    private const int ColorMaxLength = 70;
    private const int MaxShareWith = 50;

    public async Task<CreateOutcome> CreateAsync(CurrentUser caller, CreateWorkspaceRequest? request, CancellationToken ct)
    {
        var validation = new Validation();
        if (request?.Workspace is not { } input)
        {
            validation.Add("workspace", "is required.");
            return new CreateOutcome(null, validation.Errors);
        }
        validation.Required("workspace.name", input.Name, NameMaxLength);
        validation.MaxLength("workspace.description", input.Description, DescriptionMaxLength);
        var currency = await SettingsInput.CurrencyAsync(db, input.Currency, ReferenceIds.DefaultCurrency, validation, "workspace.currency", ct);
        var paymentTypeId = await SettingsInput.PaymentTypeAsync(db, input.PaymentType, ReferenceIds.DefaultPaymentType, validation, "workspace.payment_type", ct);
        var timeZone = SettingsInput.TimeZone(input.TimeZone ?? SettingsInput.DefaultTimeZone, validation, "workspace.time_zone");
        var locale = SettingsInput.Locale(input.Locale ?? SettingsInput.DefaultLocale, validation, "workspace.locale");
        var wallet = await FirstWalletAsync(request.Wallet, currency, validation, ct);
        var invitees = await InviteesAsync(request.ShareWith, caller, validation, ct);
        if (!validation.IsValid)
        {
            return new CreateOutcome(null, validation.Errors);
        }

        var workspace = new WorkspaceEntity
        {
            Name = input.Name!.Trim(),
            Description = input.Description,
            OwnerId = caller.Id,
            Settings = new WorkspaceSettings
            {
                CurrencyId = currency!.Id,
                PaymentTypeId = paymentTypeId!.Value,
                TimeZone = timeZone!,
                Locale = locale!,
            },
        };
        // The new workspace becomes the owner's current one.
        workspace.Members.Add(new WorkspaceMember { UserId = caller.Id, Role = WorkspaceRole.Owner, LastActivatedAt = db.Clock.GetUtcNow().UtcDateTime });
        foreach (var invitee in invitees)
        {
            workspace.Members.Add(new WorkspaceMember { UserId = invitee.Id, Role = WorkspaceRole.Member });
        }

        var sharedBy = invitees.Count == 0 ? "" : await db.Users.AsNoTracking().Where(u => u.Id == caller.Id).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "Someone";
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync(ct);
            // The wallet has no navigation to its workspace, so it needs the generated key first.
            wallet!.WorkspaceId = workspace.Id;
            db.Wallets.Add(wallet);
            foreach (var invitee in invitees)
            {
                mail.QueueShared(db, invitee, sharedBy, workspace.Name, WorkspaceRole.Member);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        if (invitees.Count > 0)
        {
            mail.Sent();
        }
        return new CreateOutcome(workspace, []);
    }

    private async Task<Wallet?> FirstWalletAsync(WalletInput? input, Currency? workspaceCurrency, Validation validation, CancellationToken ct)
    {
        var wallet = new Wallet
        {
            Name = string.IsNullOrWhiteSpace(input?.Name) ? DefaultWalletName : input.Name.Trim(),
            Color = string.IsNullOrWhiteSpace(input?.Color) ? RandomColor() : input.Color.Trim(),
            Type = WalletType.Cache,
            ExcludeFromStats = input?.ExcludeFromStats ?? false,
        };
        validation.MaxLength("wallet.name", wallet.Name, NameMaxLength);
        validation.MaxLength("wallet.color", wallet.Color, ColorMaxLength);
        if (input?.Type is { } typeText)
        {
            if (EnumNames.TryParse(typeText.Trim(), out WalletType type))
            {
                wallet.Type = type;
            }
            else
            {
                validation.Add("wallet.type", $"must be one of: {string.Join(", ", EnumNames.AllWalletTypes)}.");
            }
        }
        var currency = SettingsInput.IsGiven(input?.Currency)
            ? await SettingsInput.CurrencyAsync(db, input!.Currency, ReferenceIds.DefaultCurrency, validation, "wallet.currency", ct)
            : workspaceCurrency;
        if (currency is null)
        {
            // Already reported, for the wallet's or the workspace's currency.
            return null;
        }
        wallet.CurrencyId = currency.Id;
        if (input?.Balance is { } balance)
        {
            if (SettingsInput.MinorUnits(balance, currency.MinorUnits, validation, "wallet.balance") is not { } minor)
            {
                return null;
            }
            wallet.OpeningBalance = minor;
            wallet.Balance = minor;
        }
        return wallet;
    }

    private async Task<List<Invitee>> InviteesAsync(List<string>? shareWith, CurrentUser caller, Validation validation, CancellationToken ct)
    {
        var invitees = new List<Invitee>();
        if (shareWith is null)
        {
            return invitees;
        }
        if (shareWith.Count > MaxShareWith)
        {
            validation.Add("shareWith", $"may name at most {MaxShareWith} users.");
            return invitees;
        }
        foreach (var emailOrUuid in shareWith)
        {
            if (string.IsNullOrWhiteSpace(emailOrUuid))
            {
                validation.Add("shareWith", "must list e-mail addresses or user uuids.");
                continue;
            }
            var invitee = await UserLookup.FindAsync(db, emailOrUuid, ct);
            if (invitee is null)
            {
                validation.Add("shareWith", $"no user found for \"{emailOrUuid.Trim()}\".");
            }
            else if (invitee.Id != caller.Id && invitees.All(i => i.Id != invitee.Id))
            {
                invitees.Add(invitee);
            }
        }
        // Before confirming their e-mail, accounts may neither share nor be invited (Members/Confirmation.cs).
        if (invitees.Count > 0 && !await db.Users.AsNoTracking().Where(u => u.Id == caller.Id).Select(u => u.EmailConfirmed).FirstOrDefaultAsync(ct))
        {
            validation.Add("shareWith", "confirm your e-mail address before sharing a workspace.");
        }
        foreach (var unconfirmed in invitees.Where(i => !i.EmailConfirmed))
        {
            validation.Add("shareWith", $"{unconfirmed.Email} has not confirmed their e-mail address yet.");
        }
        return invitees;
    }

    private static string RandomColor() => $"#{Random.Shared.Next(0x1000000):x6}";
}
