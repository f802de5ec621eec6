using System.Collections.Frozen;
using System.Linq.Expressions;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BudgetControl.Data;

/// <summary>
/// The one logical database of BudgetControl. Each service module writes only its own tables;
/// a change that must be atomic across tables happens in one transaction of the owning module.
/// </summary>
public class BudgetDbContext(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<int>, int>(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<WorkspaceSettings> WorkspaceSettings => Set<WorkspaceSettings>();
    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<PaymentType> PaymentTypes => Set<PaymentType>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<SubCategory> SubCategories => Set<SubCategory>();
    public DbSet<Wallet> Wallets => Set<Wallet>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<Label> Labels => Set<Label>();
    public DbSet<Payee> Payees => Set<Payee>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<EntryModel> EntryModels => Set<EntryModel>();
    public DbSet<PlannedEntry> PlannedEntries => Set<PlannedEntry>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<EntryCount> EntryCounts => Set<EntryCount>();
    public DbSet<EntryDayTotal> EntryDayTotals => Set<EntryDayTotal>();
    public DbSet<EntryMonthTotal> EntryMonthTotals => Set<EntryMonthTotal>();
    public DbSet<EntryYearTotal> EntryYearTotals => Set<EntryYearTotal>();
    public DbSet<EntryLabelDayTotal> EntryLabelDayTotals => Set<EntryLabelDayTotal>();
    public DbSet<EntryLabelMonthTotal> EntryLabelMonthTotals => Set<EntryLabelMonthTotal>();
    public DbSet<PlannedOccurrence> PlannedOccurrences => Set<PlannedOccurrence>();
    public DbSet<CardSettlement> CardSettlements => Set<CardSettlement>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<JobFailure> JobFailures => Set<JobFailure>();
    public DbSet<BudgetAlert> BudgetAlerts => Set<BudgetAlert>();

    /// <summary>Clock used for timestamps; replaceable in tests.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// The per-wallet queue of this process's writers (<see cref="DatabaseOptions.WalletWriters"/>), from the application's
    /// services; null for a context made without them (design time, a test's own context) or when the queue is off.
    /// </summary>
    public KeyedWriteGate? WalletWriters => ConfiguredDatabase?.WalletWriters;

    /// <summary>
    /// SQLite with group commit on: the file's one writer's queue, where plain creates wait as groups
    /// (<see cref="DatabaseOptions.SqliteGroups"/>); null otherwise, or for a context made without the application's services.
    /// </summary>
    public KeyedWriteGate? SqliteGroups => ConfiguredDatabase?.SqliteGroups;

    /// <summary>
    /// SQLite: lends the file's turn that the caller holds as a group's leader (<see cref="SqliteGroups"/>) to this context's
    /// connection until the returned value is disposed (<see cref="DatabaseOptions.CarryFileTurn"/>).
    /// </summary>
    public IDisposable CarryFileTurn() =>
        (ConfiguredDatabase ?? throw new InvalidOperationException("A context without the application's services has no file turn.")).CarryFileTurn(Database.GetDbConnection());

    private DatabaseOptions? ConfiguredDatabase =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(DatabaseOptions)) as DatabaseOptions;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite hands them back unspecified, PostgreSQL insists on UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(255);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();

        builder.Entity<User>(b =>
        {
            b.ToTable("users");
            b.HasIndex(u => u.Uuid).IsUnique();
            b.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ux_users_normalized_email");
            b.Property(u => u.PasswordHash).HasMaxLength(1024);
            b.Property(u => u.Locale).HasMaxLength(16).HasDefaultValue("en");
            b.Property(u => u.SecurityStamp).HasMaxLength(1024);
            b.Property(u => u.ConcurrencyStamp).HasMaxLength(1024);
            b.HasQueryFilter(u => u.DeletedAt == null);
        });
        builder.Entity<IdentityRole<int>>().ToTable("roles");
        builder.Entity<IdentityUserRole<int>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<int>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<int>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<int>>(b =>
        {
            b.ToTable("user_tokens");
            b.Property(t => t.Value).HasMaxLength(4096);
        });
        builder.Entity<IdentityRoleClaim<int>>().ToTable("role_claims");

        builder.Entity<Workspace>(b =>
        {
            b.ToTable("workspaces");
            PublicRow(b);
            b.Property(w => w.Description).HasMaxLength(2000);
            b.HasOne(w => w.Owner).WithMany().HasForeignKey(w => w.OwnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(w => w.Settings).WithOne().HasForeignKey<WorkspaceSettings>(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(w => w.DeletedAt == null);
        });
        builder.Entity<WorkspaceMember>(b =>
        {
            b.ToTable("workspace_members");
            b.HasKey(m => new { m.WorkspaceId, m.UserId });
            b.HasIndex(m => m.UserId);
            b.Property(m => m.Role).HasConversion(EnumConverter(EnumNames.RoleMap)).HasMaxLength(16);
            b.HasOne(m => m.Workspace).WithMany(w => w.Members).HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(m => m.Workspace!.DeletedAt == null && m.User!.DeletedAt == null);
        });
        builder.Entity<WorkspaceSettings>(b =>
        {
            b.ToTable("workspace_settings");
            PublicRow(b);
            b.Property(s => s.Setting).HasMaxLength(64);
            b.Property(s => s.TimeZone).HasMaxLength(64);
            b.Property(s => s.Locale).HasMaxLength(35);
            b.HasOne(s => s.Currency).WithMany().HasForeignKey(s => s.CurrencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(s => s.PaymentType).WithMany().HasForeignKey(s => s.PaymentTypeId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Currency>(b =>
        {
            b.ToTable("currencies");
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Label).HasMaxLength(3);
            b.HasIndex(c => c.Label).IsUnique();
            b.HasData(ReferenceData.Currencies);
        });
        builder.Entity<PaymentType>(b =>
        {
            b.ToTable("payment_types");
            b.Property(p => p.Id).ValueGeneratedNever();
            b.HasData(ReferenceData.PaymentTypes);
        });
        builder.Entity<Category>(b =>
        {
            b.ToTable("categories");
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Type).HasConversion(EnumConverter(EnumNames.CategoryMap)).HasMaxLength(16);
            b.HasData(ReferenceData.Categories);
        });
        builder.Entity<SubCategory>(b =>
        {
            b.ToTable("sub_categories");
            b.Property(c => c.Id).ValueGeneratedNever();
            b.HasOne(s => s.Category).WithMany(c => c.SubCategories).HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Cascade);
            b.HasData(ReferenceData.SubCategories);
        });

        builder.Entity<Wallet>(b =>
        {
            b.ToTable("wallets");
            PublicRow(b);
            WorkspaceOwned(b);
            b.Property(w => w.Type).HasConversion(EnumConverter(EnumNames.WalletMap)).HasMaxLength(32);
            b.Property(w => w.Color).HasMaxLength(70);
            b.HasOne(w => w.Currency).WithMany().HasForeignKey(w => w.CurrencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(w => w.PaymentAccount).WithMany().HasForeignKey(w => w.PaymentAccountId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(w => w.DeletedAt == null);
        });

        builder.Entity<Entry>(b =>
        {
            b.ToTable("entries");
            PublicRow(b);
            // No index of its own on workspace_id: (workspace_id, date_time, id) below starts with it, and every insert
            // paid for both (docs/performance.md, writes).
            WorkspaceOwned(b, indexed: false);
            b.Property(e => e.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
            b.Property(e => e.Note).HasMaxLength(4000);
            b.Property(e => e.Geolocation).HasMaxLength(4000);
            // The lists' order (newest first, id as the tie-break) and the keyset cursor read this index backwards.
            b.HasIndex(e => new { e.WorkspaceId, e.DateTime, e.Id }).HasDatabaseName("ix_entries_workspace_id_date_time_id");
            // The original client's list (filters[planned]=0): without this, page 1 first walks past every future planned
            // entry at the head of the index above (24 ms at 1M entries, measured with EXPLAIN ANALYZE).
            b.HasIndex(e => new { e.WorkspaceId, e.DateTime, e.Id }, "ix_entries_unplanned_workspace_id_date_time_id").HasFilter("deleted_at IS NULL AND NOT planned")
                .HasDatabaseName("ix_entries_unplanned_workspace_id_date_time_id");
            // The activation job's look-up of future-dated entries whose time has come, per workspace: only planned rows are indexed.
            b.HasIndex(e => new { e.WorkspaceId, e.DateTime }).HasFilter("planned").HasDatabaseName("ix_entries_planned_workspace_id_date_time");
            // A wallet's entries newest first (the original client's filters: filters[account_id] with filters[planned]=0, the
            // planned flag an equality): one wallet's page is read in order from here, not by walking the workspace's index above
            // and filtering (nor by sorting the wallet's whole history). It replaces the index of wallet_id alone, whose look-ups
            // (the foreign key's checks, a wallet's entries) it serves with its first column: no more index work per insert.
            b.HasIndex(e => new { e.WalletId, e.Planned, e.DateTime, e.Id }, "ix_entries_wallet_id_planned_date_time_id");
            // Most entries have no payee, goal or counterpart wallet: only those that do are indexed (every look-up by one
            // of them, and the foreign keys' own checks, compare it with a value, which implies IS NOT NULL), so an
            // ordinary expense does not insert into these three indexes.
            b.HasIndex(e => e.PayeeId).HasFilter("payee_id IS NOT NULL");
            b.HasIndex(e => e.GoalId).HasFilter("goal_id IS NOT NULL");
            b.HasIndex(e => e.TransferWalletId).HasFilter("transfer_wallet_id IS NOT NULL");
            b.HasIndex(e => e.CategoryId);
            // Sub-category, currency and payment type are seeded reference rows, checked in memory before every write: on
            // PostgreSQL these three have no constraint, and the last two no index (decision 0013, migration Creates3ReferenceKeys).
            b.HasOne(e => e.Category).WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(e => e.Currency).WithMany().HasForeignKey(e => e.CurrencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(e => e.Wallet).WithMany().HasForeignKey(e => e.WalletId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(e => e.TransferWallet).WithMany().HasForeignKey(e => e.TransferWalletId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(e => e.PaymentType).WithMany().HasForeignKey(e => e.PaymentTypeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(e => e.Payee).WithMany().HasForeignKey(e => e.PayeeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(e => e.Goal).WithMany().HasForeignKey(e => e.GoalId).OnDelete(DeleteBehavior.SetNull);
            b.HasMany(e => e.Labels).WithMany().UsingEntity(
                "entry_labels",
                r => r.HasOne(typeof(Label)).WithMany().HasForeignKey("label_id").OnDelete(DeleteBehavior.Cascade),
                l => l.HasOne(typeof(Entry)).WithMany().HasForeignKey("entry_id").OnDelete(DeleteBehavior.Cascade));
            b.HasQueryFilter(e => e.DeletedAt == null);
        });

        builder.Entity<Label>(b =>
        {
            b.ToTable("labels");
            PublicRow(b);
            WorkspaceOwned(b);
            b.Property(l => l.Color).HasMaxLength(32);
            UniquelyNamed(b, "ux_labels_workspace_name");
            b.HasQueryFilter(l => l.DeletedAt == null);
        });
        builder.Entity<Payee>(b =>
        {
            b.ToTable("payees");
            PublicRow(b);
            WorkspaceOwned(b);
            UniquelyNamed(b, "ux_payees_workspace_name");
            b.HasQueryFilter(p => p.DeletedAt == null);
        });
        builder.Entity<Goal>(b =>
        {
            b.ToTable("goals");
            PublicRow(b);
            WorkspaceOwned(b);
            b.Property(g => g.Status).HasConversion(EnumConverter(EnumNames.GoalMap)).HasMaxLength(16);
            b.Property(g => g.Description).HasMaxLength(2000);
            b.HasQueryFilter(g => g.DeletedAt == null);
        });
        builder.Entity<Budget>(b =>
        {
            b.ToTable("budgets");
            PublicRow(b);
            WorkspaceOwned(b);
            b.Property(x => x.Description).HasMaxLength(2000);
            b.Property(x => x.Configuration).HasMaxLength(8000);
            b.Property(x => x.Emails).HasMaxLength(4000);
            b.HasQueryFilter(x => x.DeletedAt == null);
        });
        builder.Entity<EntryModel>(b =>
        {
            b.ToTable("models");
            PublicRow(b);
            WorkspaceOwned(b);
            b.Property(m => m.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
            b.Property(m => m.Note).HasMaxLength(4000);
            b.HasOne<SubCategory>().WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Wallet>().WithMany().HasForeignKey(m => m.WalletId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Currency>().WithMany().HasForeignKey(m => m.CurrencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PaymentType>().WithMany().HasForeignKey(m => m.PaymentTypeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Payee>().WithMany().HasForeignKey(m => m.PayeeId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(m => m.Labels).WithMany().UsingEntity(
                "model_labels",
                r => r.HasOne(typeof(Label)).WithMany().HasForeignKey("label_id").OnDelete(DeleteBehavior.Cascade),
                l => l.HasOne(typeof(EntryModel)).WithMany().HasForeignKey("model_id").OnDelete(DeleteBehavior.Cascade));
            b.HasQueryFilter(m => m.DeletedAt == null);
        });
        ConfigureMoney(builder);
        ConfigureJobs(builder);
        builder.Entity<PlannedEntry>(b =>
        {
            b.ToTable("planned_entries");
            PublicRow(b);
            WorkspaceOwned(b);
            b.Property(p => p.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
            b.Property(p => p.Planning).HasConversion(EnumConverter(EnumNames.PlanningMap)).HasMaxLength(16);
            b.Property(p => p.Note).HasMaxLength(4000);
            b.HasOne<SubCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Wallet>().WithMany().HasForeignKey(p => p.WalletId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Wallet>().WithMany().HasForeignKey(p => p.TransferWalletId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Currency>().WithMany().HasForeignKey(p => p.CurrencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PaymentType>().WithMany().HasForeignKey(p => p.PaymentTypeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Payee>().WithMany().HasForeignKey(p => p.PayeeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Goal>().WithMany().HasForeignKey(p => p.GoalId).OnDelete(DeleteBehavior.SetNull);
            b.HasMany(p => p.Labels).WithMany().UsingEntity(
                "planned_entry_labels",
                r => r.HasOne(typeof(Label)).WithMany().HasForeignKey("label_id").OnDelete(DeleteBehavior.Cascade),
                l => l.HasOne(typeof(PlannedEntry)).WithMany().HasForeignKey("planned_entry_id").OnDelete(DeleteBehavior.Cascade));
            b.HasQueryFilter(p => p.DeletedAt == null);
        });
    }

    private static void ConfigureJobs(ModelBuilder builder)
    {
        builder.Entity<PlannedOccurrence>(b =>
        {
            b.ToTable("planned_occurrences");
            b.HasKey(o => o.Id);
            // The idempotency key of recurring entries: one entry per plan and occurrence date.
            b.HasIndex(o => new { o.PlannedEntryId, o.OccurrenceDate }).IsUnique();
            b.HasOne<PlannedEntry>().WithMany().HasForeignKey(o => o.PlannedEntryId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Entry>().WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CardSettlement>(b =>
        {
            b.ToTable("card_settlements");
            b.HasKey(s => s.Id);
            b.HasIndex(s => new { s.WalletId, s.InvoiceDate }).IsUnique();
            b.HasOne<Wallet>().WithMany().HasForeignKey(s => s.WalletId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Entry>().WithMany().HasForeignKey(s => s.EntryId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<OutboxMail>(b =>
        {
            b.ToTable("outbox_mails");
            b.HasKey(m => m.Id);
            b.HasIndex(m => m.Uuid).IsUnique();
            b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            b.Property(m => m.Template).HasMaxLength(64);
            b.Property(m => m.Locale).HasMaxLength(16);
            b.Property(m => m.To).HasMaxLength(320);
            b.Property(m => m.Subject).HasMaxLength(1000);
            b.Property(m => m.TextBody).HasMaxLength(100_000);
            b.Property(m => m.HtmlBody).HasMaxLength(200_000);
            b.Property(m => m.LastError).HasMaxLength(2000);
        });
        builder.Entity<BudgetAlert>(b =>
        {
            b.ToTable("budget_alerts");
            b.HasKey(a => a.Id);
            // The idempotency key of budget alerts: one per budget, period and threshold.
            b.HasIndex(a => new { a.BudgetId, a.PeriodStart, a.Threshold }).IsUnique();
            b.HasIndex(a => new { a.WorkspaceId, a.CreatedAt });
            b.Property(a => a.SpentPercentage).HasPrecision(12, 2);
            b.HasOne<Budget>().WithMany().HasForeignKey(a => a.BudgetId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<JobFailure>(b =>
        {
            b.ToTable("job_failures");
            b.HasKey(f => f.Id);
            b.HasIndex(f => new { f.WorkspaceId, f.FailedAt });
            b.Property(f => f.Job).HasMaxLength(64);
            b.Property(f => f.Message).HasMaxLength(2000);
            b.HasOne<Workspace>().WithMany().HasForeignKey(f => f.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureMoney(ModelBuilder builder)
    {
        builder.Entity<ExchangeRate>(b =>
        {
            b.ToTable("exchange_rates");
            b.HasKey(r => r.Id);
            b.HasIndex(r => new { r.WorkspaceId, r.CurrencyId }).IsUnique();
            b.Property(r => r.Rate).HasPrecision(20, 10);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.HasOne(r => r.Currency).WithMany().HasForeignKey(r => r.CurrencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<EntryCount>(b =>
        {
            b.ToTable("entry_counts");
            b.HasKey(c => new { c.WorkspaceId, c.WalletId, c.Type, c.Planned });
            b.Property(c => c.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
        });
        builder.Entity<EntryDayTotal>(b =>
        {
            b.ToTable("entry_day_totals");
            // Day first: statistics read a workspace's days in a range.
            b.HasKey(t => new { t.WorkspaceId, t.Day, t.WalletId, t.CategoryId, t.Type });
            b.Property(t => t.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
        });
        builder.Entity<EntryMonthTotal>(b =>
        {
            b.ToTable("entry_month_totals");
            b.HasKey(t => new { t.WorkspaceId, t.Month, t.WalletId, t.CategoryId, t.Type });
            b.Property(t => t.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
        });
        builder.Entity<EntryYearTotal>(b =>
        {
            b.ToTable("entry_year_totals");
            b.HasKey(t => new { t.WorkspaceId, t.Year, t.WalletId, t.CategoryId, t.Type });
            b.Property(t => t.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
        });
        builder.Entity<EntryLabelDayTotal>(b =>
        {
            b.ToTable("entry_label_day_totals");
            // Label first: a label budget reads one label's days; the charts read every label of some days (the index).
            b.HasKey(t => new { t.WorkspaceId, t.LabelId, t.Day, t.WalletId, t.CategoryId, t.Type });
            b.HasIndex(t => new { t.WorkspaceId, t.Day }).HasDatabaseName("ix_entry_label_day_totals_workspace_id_day");
            b.Property(t => t.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
        });
        builder.Entity<EntryLabelMonthTotal>(b =>
        {
            b.ToTable("entry_label_month_totals");
            b.HasKey(t => new { t.WorkspaceId, t.LabelId, t.Month, t.WalletId, t.CategoryId, t.Type });
            b.HasIndex(t => new { t.WorkspaceId, t.Month }).HasDatabaseName("ix_entry_label_month_totals_workspace_id_month");
            b.Property(t => t.Type).HasConversion(EnumConverter(EnumNames.EntryMap)).HasMaxLength(16);
        });
        builder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable("idempotency_records");
            b.HasKey(r => r.Id);
            b.HasIndex(r => new { r.WorkspaceId, r.UserId, r.Key }).IsUnique();
            b.HasIndex(r => r.CreatedAt);
            b.Property(r => r.Key).HasMaxLength(255);
            b.Property(r => r.RequestFingerprint).HasMaxLength(512);
            b.Property(r => r.ResponseBody).HasMaxLength(1_000_000);
            b.Property(r => r.Location).HasMaxLength(1000);
            b.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Saves inside the caller's transaction without the savepoint EF Core wraps around a save in a transaction
    /// (a <c>SAVEPOINT</c> and a <c>RELEASE</c>: two round trips per write). Only for a save whose failure fails the
    /// whole transaction anyway; a save that catches an error and goes on (<c>UniqueNames.TrySaveAsync</c>) needs it.
    /// </summary>
    public async Task<int> SaveInTransactionAsync(CancellationToken cancellationToken = default)
    {
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// The <c>INSERT</c> of <paramref name="entity"/>, a row tracked as added, as SQL with <c>{n}</c> placeholders and its
    /// values, from the model's mapping (every column but the generated key, values converted as a save converts them),
    /// stamped as a save stamps it; the row is no longer tracked afterwards. For a write that sends the insert in one
    /// command with other statements (the entries' ledger); the generated key is not read back.
    /// </summary>
    public (string Sql, object[] Values) DetachedInsert(object entity)
    {
        var entry = Entry(entity);
        if (entry.State != EntityState.Added)
        {
            throw new InvalidOperationException("Only a row added to the context can be written as an INSERT.");
        }
        Stamp();
        var type = entry.Metadata;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = new List<string>();
        var placeholders = new List<string>();
        var values = new List<object>();
        foreach (var property in type.GetProperties())
        {
            if (property.IsPrimaryKey() && property.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
            {
                continue;
            }
            var value = entry.Property(property.Name).CurrentValue;
            if (value is not null && property.GetTypeMapping().Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            columns.Add(property.GetColumnName(table)!);
            // A null is written as such: a raw parameter needs a value to infer its type from.
            placeholders.Add(value is null ? "NULL" : "{" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
            if (value is not null)
            {
                values.Add(value);
            }
        }
        entry.State = EntityState.Detached;
        return ($"INSERT INTO {type.GetTableName()} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", placeholders)})", [.. values]);
    }

    /// <summary>Sets timestamps and bumps the optimistic-concurrency version of every changed row.</summary>
    private void Stamp()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        // Microseconds, as PostgreSQL keeps them: a row answered from memory reads the same as when reloaded.
        now = now.AddTicks(-(now.Ticks % 10));
        // A row whose many-to-many links changed (an entry's labels) changed too: its version moves and is checked,
        // so two concurrent edits of the same row cannot both apply their view of it (the label aggregates follow
        // the links, as the balances follow the columns). Only the side that declares the links (Entry.Labels): EF Core
        // gives the label a shadow collection of the entries that carry it, and a label put on an entry is not an
        // edit of the label (bumping it made concurrent writers of entries with the same label fail with 409s, and a
        // label's edit after its use a stale version).
        // One change detection for both passes (Entries() detects changes on every call).
        var entries = ChangeTracker.Entries().ToList();
        foreach (var entry in entries.Where(e => e.State == EntityState.Unchanged && e.Entity is IVersioned))
        {
            if (entry.Collections.Any(c => c.Metadata is Microsoft.EntityFrameworkCore.Metadata.ISkipNavigation skip && !skip.IsShadowProperty() && c.IsModified))
            {
                entry.Property(nameof(IVersioned.Version)).IsModified = true;
            }
        }
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            var added = entry.State == EntityState.Added;
            switch (entry.Entity)
            {
                case IPublicRow row:
                    if (added && row.CreatedAt == default)
                    {
                        row.CreatedAt = now;
                    }
                    row.UpdatedAt = now;
                    break;
                case User user:
                    if (added && user.CreatedAt == default)
                    {
                        user.CreatedAt = now;
                    }
                    user.UpdatedAt = now;
                    break;
                case WorkspaceMember member:
                    if (added)
                    {
                        member.CreatedAt = now;
                    }
                    member.UpdatedAt = now;
                    break;
            }
            if (entry.Entity is ExchangeRate rate)
            {
                rate.UpdatedAt = now;
            }
            if (entry.Entity is IUniquelyNamed named)
            {
                named.NormalizedName = IUniquelyNamed.Normalize(named.Name);
            }
            if (entry.Entity is IVersioned versioned && !added)
            {
                versioned.Version++;
            }
        }
    }

    private static void PublicRow<T>(EntityTypeBuilder<T> b)
        where T : class, IPublicRow
    {
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Uuid).IsUnique();
        if (typeof(IVersioned).IsAssignableFrom(typeof(T)))
        {
            b.Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    /// <summary>The workspace's foreign key; with <paramref name="indexed"/> false, another index of the type must start with <c>workspace_id</c>.</summary>
    private static void WorkspaceOwned<T>(EntityTypeBuilder<T> b, bool indexed = true)
        where T : class, IWorkspaceOwned
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        if (indexed)
        {
            b.HasIndex(x => x.WorkspaceId);
        }
    }

    /// <summary>One live row per name and workspace, ignoring case; soft-deleted rows free their name.</summary>
    private static void UniquelyNamed<T>(EntityTypeBuilder<T> b, string indexName)
        where T : class, IUniquelyNamed, IWorkspaceOwned
    {
        b.HasIndex(x => new { x.WorkspaceId, x.NormalizedName }).IsUnique().HasFilter("deleted_at IS NULL").HasDatabaseName(indexName);
    }

    private static ValueConverter<TEnum, string> EnumConverter<TEnum>(FrozenDictionary<TEnum, string> map)
        where TEnum : struct, Enum
    {
        Expression<Func<TEnum, string>> toText = v => EnumNames.Format(map, v);
        Expression<Func<string, TEnum>> fromText = s => EnumNames.Parse(map, s);
        return new ValueConverter<TEnum, string>(toText, fromText);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
