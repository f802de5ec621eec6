using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BudgetAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "budget_alerts",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    budget_id = table.Column<int>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    spent_percentage = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    mails = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_budget_alerts_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_budget_alerts_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_budget_alerts_budget_id_period_start_threshold",
                table: "budget_alerts",
                columns: new[] { "budget_id", "period_start", "threshold" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_budget_alerts_workspace_id_created_at",
                table: "budget_alerts",
                columns: new[] { "workspace_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budget_alerts");
        }
    }
}
