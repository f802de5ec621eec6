// Shapes of the API answers the app reads (docs/api.md). Money fields are JSON numbers holding exact decimals:
// read them with toMinor(), never with arithmetic.
export type Amount = number | string;

export interface Currency { id: number; name: string; symbol?: string; label: string; slug?: string; minor_units?: number }

export interface WorkspaceUser { uuid: string; name: string; email: string; role: string }

export interface WorkspaceDoc {
  workspace: { uuid: string; name: string; description?: string | null; current?: boolean; role: string; version: number; owner?: { uuid: string; name: string }; users?: WorkspaceUser[] };
  settings: { data: { currency: Currency; payment_type_id: number; time_zone: string; locale?: string } };
  user?: { uuid: string; name: string; email: string };
}

export interface WorkspaceSummary { uuid: string; name: string; role?: string; current?: boolean }

/** `/api/auth/profile`: `locale` is also the language of the user's e-mails. */
export interface Profile { uuid: string; name: string; email: string | null; locale: string; two_factor: boolean }

export interface UserInfo { uuid: string; name?: string; email: string; locale?: string; email_confirmation_required?: boolean; confirm_email_by?: string }

export interface AuthAnswer { token: string; refresh_token: string; workspaces?: WorkspaceSummary[] }

export type WalletType = 'bank' | 'cache' | 'credit-card' | 'credit-card-revolving' | 'investment' | 'loan' | 'other' | 'prepaid-card' | 'voucher';
export const walletTypes: WalletType[] = ['bank', 'cache', 'credit-card', 'credit-card-revolving', 'investment', 'loan', 'other', 'prepaid-card', 'voucher'];

export interface Wallet {
  uuid: string; name: string; color: string | null; type: WalletType; currency: string; currency_id: number;
  balance: Amount | { value_in_voucher: Amount; value_in_valut: Amount }; sorting: number; archived: boolean; version: number;
  voucher_value?: Amount | null; exclude_from_stats?: boolean;
  opening_balance?: Amount | { value_in_voucher: Amount | null; value_in_valut: Amount }; installement?: boolean; installement_value?: Amount | null;
  credit_limit?: Amount | null; closing_date?: string | null; invoice_date?: string | null; payment_account?: string | null;
}

export type EntryType = 'expenses' | 'incoming' | 'transfer' | 'debit' | 'saving';
export const entryTypes: EntryType[] = ['expenses', 'incoming', 'transfer', 'debit', 'saving'];

export interface Label { uuid: string; name: string; color: string; archive?: boolean; version?: number }

export interface Entry {
  uuid: string; type: EntryType; amount: Amount; wallet_amount?: Amount; base_amount?: Amount; date_time: string; note: string | null;
  planned: boolean; confirmed: boolean; category_id: number | null; account_id: string; transfer_id?: string | null;
  payee_id?: string | null; goal_id?: string | null; currency?: { id: number; label?: string; name?: string } | null;
  labels: Label[]; wallet?: { uuid: string; name: string; currency?: string } | null; payee?: { uuid: string; name: string } | null;
  goal?: { uuid: string; name: string } | null; sub_category?: { id: number; name?: string; slug?: string } | null; version: number;
}

/** `total_exact` false: `total` is a lower bound (a filtered list counts at most 1,000 rows: docs/api.md). */
export interface Page<T> { data: T[]; total: number; total_exact?: boolean; next_cursor?: string | null; per_page: number }

export interface SubCategory { id: number; name: string; slug: string; category?: { id: number; name: string; slug: string; type?: string } }

export interface BudgetStats {
  total: Amount; totalSpent: Amount; totalRemaining: Amount; totalSpentPercentage: string; spent_percentage: number; exceeded: boolean; expired: boolean;
  budget: Budget;
}

export interface BudgetConfiguration {
  period: string; period_start?: string | null; period_end?: string | null; accounts?: string[]; categories?: number[]; tags?: string[]; types?: string[]; include_planned?: boolean;
}

export interface Budget {
  uuid: string; name: string; description?: string | null; amount: Amount; configuration: BudgetConfiguration; notification?: boolean; emails?: string[]; thresholds?: number[]; version?: number;
}

export interface Goal { uuid: string; name: string; amount: Amount; balance: Amount; currency: string; progress: Amount; due_date: string | null; status: string; version?: number }

export interface Payee { uuid: string; name: string; balance: Amount; currency: string; version?: number }

export interface TotalAnswer { total: Amount }
export interface ChangeAnswer { total: Amount; total_passed: Amount; percentage: number }
export interface LineChart { series: { label: string; color: string; dataPoints: { xValue: Amount; yValue: Amount; label: string }[] }[] }
export interface BarChart { bar: { value: Amount; color: string; data: { name?: string; slug?: string; id?: number } }[] }

/** A planned or recurring entry (`/api/entry/planned`). */
export interface Plan {
  uuid: string; type: EntryType; amount: Amount; planning: string; date_time: string; end_date_time: string | null; note: string | null;
  category_id: number | null; account_id: string | null; labels?: Label[]; version: number; wallet?: { name: string; currency?: string } | null;
}

/** An entry template (`/api/entry/model`). */
export interface Template {
  uuid: string; name: string | null; type: EntryType; amount: Amount | null; note: string | null; category_id: number | null; account_id: string | null;
  labels?: { uuid?: string; name: string }[]; version?: number;
}
