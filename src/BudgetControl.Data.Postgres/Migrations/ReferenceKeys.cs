namespace BudgetControl.Data.Postgres.Migrations;

/// <summary>
/// Migration <c>Creates3ReferenceKeys</c> (docs/decisions/0013-no-foreign-keys-to-reference-rows.md): on PostgreSQL an entry
/// has no foreign key to its currency, payment type and sub-category, and no index of its currency or payment type. Those
/// rows are seeded and never deleted, and every write checks them in memory (<c>ReferenceData</c>) first; the constraints
/// only made every insert plan and run three look-ups that lock rows shared by every writer (<c>FOR KEY SHARE</c>: a
/// lock record in the WAL, and MultiXacts when writers overlap). The EF Core model keeps the relationships (the
/// navigation to the sub-category is read by the statistics) and SQLite keeps its constraints (cheap there, and a
/// table rebuild would drop the search triggers).
/// </summary>
internal static class ReferenceKeys
{
    public const string Up = """
        ALTER TABLE entries DROP CONSTRAINT IF EXISTS fk_entries_currencies_currency_id;
        ALTER TABLE entries DROP CONSTRAINT IF EXISTS fk_entries_payment_types_payment_type_id;
        ALTER TABLE entries DROP CONSTRAINT IF EXISTS fk_entries_sub_categories_category_id;
        DROP INDEX IF EXISTS ix_entries_currency_id;
        DROP INDEX IF EXISTS ix_entries_payment_type_id;
        """;

    public const string Down = """
        CREATE INDEX IF NOT EXISTS ix_entries_currency_id ON entries (currency_id);
        CREATE INDEX IF NOT EXISTS ix_entries_payment_type_id ON entries (payment_type_id);
        ALTER TABLE entries ADD CONSTRAINT fk_entries_currencies_currency_id FOREIGN KEY (currency_id) REFERENCES currencies (id) ON DELETE RESTRICT;
        ALTER TABLE entries ADD CONSTRAINT fk_entries_payment_types_payment_type_id FOREIGN KEY (payment_type_id) REFERENCES payment_types (id) ON DELETE RESTRICT;
        ALTER TABLE entries ADD CONSTRAINT fk_entries_sub_categories_category_id FOREIGN KEY (category_id) REFERENCES sub_categories (id) ON DELETE RESTRICT;
        """;
}
