using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AggregatesMonthLabelTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entry_label_day_totals",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    label_id = table.Column<int>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_label_day_totals", x => new { x.workspace_id, x.label_id, x.day, x.wallet_id, x.category_id, x.type });
                });

            migrationBuilder.CreateTable(
                name: "entry_label_month_totals",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    label_id = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_label_month_totals", x => new { x.workspace_id, x.label_id, x.month, x.wallet_id, x.category_id, x.type });
                });

            migrationBuilder.CreateTable(
                name: "entry_month_totals",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_month_totals", x => new { x.workspace_id, x.month, x.wallet_id, x.category_id, x.type });
                });

            migrationBuilder.CreateIndex(
                name: "ix_entry_label_day_totals_workspace_id_day",
                table: "entry_label_day_totals",
                columns: new[] { "workspace_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_entry_label_month_totals_workspace_id_month",
                table: "entry_label_month_totals",
                columns: new[] { "workspace_id", "month" });
            // The months from the day rows, the label days from the entries, the label months from those (AggregatesBackfill.cs).
            foreach (var statement in AggregatesBackfill.Up)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entry_label_day_totals");

            migrationBuilder.DropTable(
                name: "entry_label_month_totals");

            migrationBuilder.DropTable(
                name: "entry_month_totals");
        }
    }
}
