using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EntrySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SearchIndex.Create)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SearchIndex.Drop)
            {
                migrationBuilder.Sql(statement);
            }
        }
    }
}
