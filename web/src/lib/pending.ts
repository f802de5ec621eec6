// Writes waiting in the offline queue, shown where the user expects them: a new entry at the top of the list,
// an edited entry with its queued values, a deleted one struck through. Once the queue is sent, the server's
// rows replace them (the queue no longer holds the write, so nothing is shown twice).
import type { QueuedWrite } from '../api/offline';
import type { Entry, EntryType, Label, SubCategory, Wallet } from '../api/types';
import { localToInstant } from './dates';

export type PendingKind = 'new' | 'edit' | 'delete';

/** An entry as a list shows it: from the server, or made or changed by a write still queued. */
export interface ShownEntry extends Entry {
  pending?: PendingKind;
}

export interface PendingContext {
  /** Only writes queued for this workspace count. */
  workspace: string | null;
  /** The workspace's zone: the entry form sends wall-clock dates without an offset. */
  timeZone: string;
  wallets: Pick<Wallet, 'uuid' | 'name' | 'currency'>[];
  categories?: Pick<SubCategory, 'id' | 'name' | 'slug'>[];
  /** Whether a queued new entry belongs in the list as filtered now (default: it does). */
  matches?: (entry: Entry) => boolean;
}

/** The API's route segment of each entry type (`/api/entry/expense`). */
const typeOfRoute: Record<string, EntryType> = { expense: 'expenses', income: 'incoming', transfer: 'transfer', debit: 'debit', saving: 'saving' };
const entryPath = /^\/api\/entry(?:\/(expense|income|transfer|debit|saving))?(?:\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?(?:\?.*)?$/i;

export interface EntryWrite {
  kind: PendingKind;
  type?: EntryType;
  uuid?: string;
}

/** What a queued write does to entries, from its method and path; null when it is not an entry write. */
export function readEntryWrite(write: Pick<QueuedWrite, 'method' | 'path'>): EntryWrite | null {
  const match = entryPath.exec(write.path);
  if (!match) return null;
  const type = match[1] ? typeOfRoute[match[1].toLowerCase()] : undefined;
  const uuid = match[2]?.toLowerCase();
  if (write.method === 'POST' && type && !uuid) return { kind: 'new', type };
  if (write.method === 'PUT' && uuid) return { kind: 'edit', type, uuid };
  if (write.method === 'DELETE' && uuid) return { kind: 'delete', type, uuid };
  return null;
}

type Body = Record<string, unknown>;

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/** A transfer's body carries the amount moved (positive); the leg shown keeps its own sign. */
function signedLike(existing: Entry['amount'] | null, amount: unknown): string {
  const magnitude = String(amount ?? '0').trim().replace(/^[-+]/, '');
  return existing === null || String(existing).trim().startsWith('-') ? `-${magnitude}` : magnitude;
}

function labelsOf(value: unknown): Label[] {
  return Array.isArray(value) ? value.map((l) => String(typeof l === 'object' && l !== null ? ((l as Body).name ?? '') : l)).filter((n) => n.length > 0).map((name) => ({ uuid: `pending-${name}`, name, color: '' })) : [];
}

function walletOf(uuid: unknown, context: PendingContext): Entry['wallet'] {
  const wallet = context.wallets.find((w) => w.uuid === uuid);
  return wallet ? { uuid: wallet.uuid, name: wallet.name, currency: wallet.currency } : null;
}

function subCategoryOf(id: unknown, context: PendingContext): Entry['sub_category'] {
  if (id === null || id === undefined || id === '') return null;
  const found = context.categories?.find((c) => c.id === Number(id));
  return found ? { id: found.id, name: found.name, slug: found.slug } : { id: Number(id) };
}

/** The entry a queued create will make, as far as the body tells. */
function created(write: QueuedWrite, type: EntryType, context: PendingContext): ShownEntry {
  const body = (write.body ?? {}) as Body;
  return {
    uuid: `pending-${write.id}`,
    type,
    amount: type === 'transfer' ? signedLike(null, body.amount) : String(body.amount ?? '0'),
    date_time: typeof body.date_time === 'string' ? localToInstant(body.date_time, context.timeZone) : write.queuedAt,
    note: text(body.note),
    planned: false,
    confirmed: body.confirmed !== false,
    category_id: body.category_id === undefined || body.category_id === null ? null : Number(body.category_id),
    account_id: String(body.account_id ?? ''),
    transfer_id: text(body.transfer_id),
    goal_id: text(body.goal_id),
    labels: labelsOf(body.labels),
    wallet: walletOf(body.account_id, context),
    payee: typeof body.payee_id === 'string' && body.payee_id ? { uuid: '', name: body.payee_id } : null,
    sub_category: subCategoryOf(body.category_id, context),
    version: 0,
    pending: 'new',
  };
}

/** An entry with the fields a queued edit names. */
function edited(entry: Entry, body: Body, context: PendingContext): Entry {
  const next: Entry = { ...entry };
  if ('amount' in body) next.amount = entry.type === 'transfer' ? signedLike(entry.amount, body.amount) : String(body.amount);
  if (typeof body.date_time === 'string') next.date_time = localToInstant(body.date_time, context.timeZone);
  if ('note' in body) next.note = text(body.note);
  if ('confirmed' in body) next.confirmed = body.confirmed !== false;
  if ('labels' in body) next.labels = labelsOf(body.labels);
  if ('category_id' in body) {
    next.category_id = body.category_id === null || body.category_id === undefined ? null : Number(body.category_id);
    next.sub_category = subCategoryOf(body.category_id, context);
  }
  // A transfer's legs are two rows; the one shown keeps its wallet.
  if (typeof body.account_id === 'string' && entry.type !== 'transfer' && body.account_id !== entry.account_id) {
    next.account_id = body.account_id;
    next.wallet = walletOf(body.account_id, context) ?? entry.wallet;
  }
  if (typeof body.payee_id === 'string' && body.payee_id && body.payee_id !== entry.payee?.uuid) {
    next.payee = { uuid: entry.payee?.uuid ?? '', name: body.payee_id };
  }
  return next;
}

/**
 * The server's entries with the current workspace's queued entry writes applied, in queue order: queued
 * creates first (the newest on top), then the server's rows, an edited one with its queued values and a
 * deleted one kept but marked. An empty queue gives the server's rows unchanged.
 */
export function withQueued(entries: Entry[], queue: QueuedWrite[], context: PendingContext): ShownEntry[] {
  const added: ShownEntry[] = [];
  const changes = new Map<string, { kind: 'edit' | 'delete'; body: Body }>();
  for (const write of queue) {
    if (write.workspace !== context.workspace) continue;
    const what = readEntryWrite(write);
    if (!what) continue;
    if (what.kind === 'new') {
      const entry = created(write, what.type!, context);
      if (context.matches?.(entry) ?? true) added.unshift(entry);
      continue;
    }
    const before = changes.get(what.uuid!);
    if (what.kind === 'delete' || before?.kind === 'delete') {
      changes.set(what.uuid!, { kind: 'delete', body: before?.body ?? {} });
    } else {
      // Later edits win field by field, as the server will apply them in order.
      changes.set(what.uuid!, { kind: 'edit', body: { ...before?.body, ...((write.body ?? {}) as Body) } });
    }
  }
  if (added.length === 0 && changes.size === 0) return entries;
  const shown = entries.map((entry): ShownEntry => {
    const change = changes.get(entry.uuid.toLowerCase());
    if (!change) return entry;
    return change.kind === 'delete' ? { ...edited(entry, change.body, context), pending: 'delete' } : { ...edited(entry, change.body, context), pending: 'edit' };
  });
  return [...added, ...shown];
}
