using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Jobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "locale",
                table: "users",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.CreateTable(
                name: "card_settlements",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: false),
                    invoice_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_settlements", x => x.id);
                    table.ForeignKey(
                        name: "fk_card_settlements_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_card_settlements_wallets_wallet_id",
                        column: x => x.wallet_id,
                        principalTable: "wallets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "job_failures",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    job = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    failed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_failures", x => x.id);
                    table.ForeignKey(
                        name: "fk_job_failures_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outbox_mails",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    template = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    locale = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    text_body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    html_body = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    claimed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_mails", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "planned_occurrences",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    planned_entry_id = table.Column<int>(type: "INTEGER", nullable: false),
                    occurrence_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    entry_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_occurrences", x => x.id);
                    table.ForeignKey(
                        name: "fk_planned_occurrences_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_planned_occurrences_planned_entries_planned_entry_id",
                        column: x => x.planned_entry_id,
                        principalTable: "planned_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entries_planned_workspace_id_date_time",
                table: "entries",
                columns: new[] { "workspace_id", "date_time" },
                filter: "planned");

            migrationBuilder.CreateIndex(
                name: "ix_card_settlements_entry_id",
                table: "card_settlements",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_card_settlements_wallet_id_invoice_date",
                table: "card_settlements",
                columns: new[] { "wallet_id", "invoice_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_job_failures_workspace_id_failed_at",
                table: "job_failures",
                columns: new[] { "workspace_id", "failed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_mails_sent_at_next_attempt_at",
                table: "outbox_mails",
                columns: new[] { "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_mails_uuid",
                table: "outbox_mails",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_planned_occurrences_entry_id",
                table: "planned_occurrences",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_planned_occurrences_planned_entry_id_occurrence_date",
                table: "planned_occurrences",
                columns: new[] { "planned_entry_id", "occurrence_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "card_settlements");

            migrationBuilder.DropTable(
                name: "job_failures");

            migrationBuilder.DropTable(
                name: "outbox_mails");

            migrationBuilder.DropTable(
                name: "planned_occurrences");

            migrationBuilder.DropIndex(
                name: "ix_entries_planned_workspace_id_date_time",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "locale",
                table: "users");
        }
    }
}
