import { describe, expect, it } from 'vitest';
import type { QueuedWrite } from '../src/api/offline';
import type { Entry } from '../src/api/types';
import { localToInstant } from '../src/lib/dates';
import { readEntryWrite, withQueued, type PendingContext } from '../src/lib/pending';

const bank = '11111111-1111-4111-8111-111111111111';
const cash = '22222222-2222-4222-8222-222222222222';
const salaryId = '33333333-3333-4333-8333-333333333333';
const rentId = '44444444-4444-4444-8444-444444444444';

function entry(uuid: string, fields: Partial<Entry> = {}): Entry {
  return {
    uuid, type: 'incoming', amount: 200, date_time: '2026-11-01T09:00:00+01:00', note: 'Salary', planned: false, confirmed: true,
    category_id: 1, account_id: bank, labels: [], wallet: { uuid: bank, name: 'Bank', currency: 'EUR' }, version: 3, ...fields,
  };
}

let ids = 0;
function write(method: string, path: string, body?: unknown, workspace = 'ws-1'): QueuedWrite {
  ids++;
  return { id: `w${ids}`, method, path, body, idempotencyKey: `k${ids}`, workspace, queuedAt: '2026-11-26T10:00:00.000Z' };
}

const context: PendingContext = {
  workspace: 'ws-1',
  timeZone: 'Europe/Rome',
  wallets: [{ uuid: bank, name: 'Bank', currency: 'EUR' }, { uuid: cash, name: 'Cash', currency: 'EUR' }],
  categories: [{ id: 7, name: 'Coffee', slug: 'coffee' }],
};

describe('queued writes in the entries list', () => {
  it('reads which entry writes a queued request makes', () => {
    expect(readEntryWrite({ method: 'POST', path: '/api/entry/expense' })).toEqual({ kind: 'new', type: 'expenses' });
    expect(readEntryWrite({ method: 'POST', path: '/api/entry/transfer' })).toEqual({ kind: 'new', type: 'transfer' });
    expect(readEntryWrite({ method: 'PUT', path: `/api/entry/income/${salaryId}` })).toEqual({ kind: 'edit', type: 'incoming', uuid: salaryId });
    expect(readEntryWrite({ method: 'DELETE', path: `/api/entry/${salaryId}` })).toEqual({ kind: 'delete', type: undefined, uuid: salaryId });
    // Templates, plans, restores and other modules' writes are not entries of the list.
    expect(readEntryWrite({ method: 'POST', path: '/api/entry/model' })).toBeNull();
    expect(readEntryWrite({ method: 'PUT', path: `/api/entry/planned/${salaryId}` })).toBeNull();
    expect(readEntryWrite({ method: 'PATCH', path: `/api/entry/${salaryId}/restore` })).toBeNull();
    expect(readEntryWrite({ method: 'POST', path: '/api/budget/create' })).toBeNull();
  });

  it('gives the server rows unchanged when nothing waits', () => {
    const rows = [entry(salaryId)];
    expect(withQueued(rows, [], context)).toBe(rows);
    expect(withQueued(rows, [write('POST', '/api/budget/create', { name: 'Food' })], context)).toBe(rows);
  });

  it('puts queued new entries on top, newest first, marked pending, with their wallet, category and labels', () => {
    const queue = [
      write('POST', '/api/entry/expense', { amount: '-5.00', date_time: '2026-11-26 09:30', note: 'Coffee offline', account_id: bank, confirmed: true, labels: ['food'], category_id: 7 }),
      write('POST', '/api/entry/transfer', { amount: '100.00', date_time: '2026-11-26 10:00', note: null, account_id: bank, transfer_id: cash, labels: [] }),
    ];
    const shown = withQueued([entry(salaryId)], queue, context);
    expect(shown.map((e) => [e.type, e.pending, String(e.amount)])).toEqual([
      ['transfer', 'new', '-100.00'],
      ['expenses', 'new', '-5.00'],
      ['incoming', undefined, '200'],
    ]);
    const coffee = shown[1];
    expect(coffee.note).toBe('Coffee offline');
    expect(coffee.wallet).toEqual({ uuid: bank, name: 'Bank', currency: 'EUR' });
    expect(coffee.sub_category).toEqual({ id: 7, name: 'Coffee', slug: 'coffee' });
    expect(coffee.labels.map((l) => l.name)).toEqual(['food']);
    // Sent without an offset, read in the workspace's zone: 09:30 in Rome is 08:30 UTC in November.
    expect(coffee.date_time).toBe('2026-11-26T08:30:00.000Z');
    expect(new Set(shown.map((e) => e.uuid)).size).toBe(3);
  });

  it('shows an edited entry with its queued values, later edits winning field by field', () => {
    const queue = [
      write('PUT', `/api/entry/income/${salaryId}`, { amount: '250.00', note: 'Salary', account_id: bank, version: 3 }),
      write('PUT', `/api/entry/income/${salaryId}`, { account_id: cash, labels: ['work'], version: 3 }),
    ];
    const [salary] = withQueued([entry(salaryId)], queue, context);
    expect(salary.pending).toBe('edit');
    expect(String(salary.amount)).toBe('250.00');
    expect(salary.wallet?.name).toBe('Cash');
    expect(salary.labels.map((l) => l.name)).toEqual(['work']);
    expect(salary.uuid).toBe(salaryId);
  });

  it('keeps a transfer leg on its side when the edit sends the amount moved', () => {
    const leg = entry(salaryId, { type: 'transfer', amount: -100, note: null });
    const [shown] = withQueued([leg], [write('PUT', `/api/entry/transfer/${salaryId}`, { amount: '120.00', account_id: bank, transfer_id: cash })], context);
    expect(String(shown.amount)).toBe('-120.00');
  });

  it('marks a queued deletion, even after a queued edit, and leaves other rows alone', () => {
    const queue = [write('PUT', `/api/entry/${rentId}`, { amount: '-600.00' }), write('DELETE', `/api/entry/${rentId}`)];
    const shown = withQueued([entry(salaryId), entry(rentId, { type: 'expenses', amount: -500, note: 'Rent' })], queue, context);
    expect(shown.map((e) => [e.uuid, e.pending])).toEqual([[salaryId, undefined], [rentId, 'delete']]);
  });

  it('ignores writes queued for another workspace and new entries the list filter leaves out', () => {
    const other = write('POST', '/api/entry/expense', { amount: '-1.00', account_id: bank }, 'ws-2');
    const filteredOut = write('POST', '/api/entry/income', { amount: '9.00', account_id: cash });
    const rows = [entry(salaryId)];
    const shown = withQueued(rows, [other, filteredOut], { ...context, matches: (e) => e.account_id === bank });
    expect(shown).toEqual(rows);
  });

  it('replaces pending rows by the server rows once the queue is sent: no duplicate', () => {
    const create = write('POST', '/api/entry/expense', { amount: '-5.00', date_time: '2026-11-26 09:30', note: 'Coffee offline', account_id: bank });
    expect(withQueued([entry(salaryId)], [create], context).filter((e) => e.note === 'Coffee offline')).toHaveLength(1);
    // Sent: the queue is empty and the reloaded list has the server's row.
    const server = [entry('55555555-5555-4555-8555-555555555555', { type: 'expenses', amount: -5, note: 'Coffee offline' }), entry(salaryId)];
    const shown = withQueued(server, [], context);
    expect(shown.filter((e) => e.note === 'Coffee offline').map((e) => e.pending)).toEqual([undefined]);
  });
});

describe('localToInstant', () => {
  it('reads a wall-clock time in the zone, across daylight saving time', () => {
    expect(localToInstant('2026-07-01 12:00', 'Europe/Rome')).toBe('2026-07-01T10:00:00.000Z');
    expect(localToInstant('2026-01-01T12:00', 'Europe/Rome')).toBe('2026-01-01T11:00:00.000Z');
    expect(localToInstant('2026-01-01 12:00', 'America/New_York')).toBe('2026-01-01T17:00:00.000Z');
    expect(localToInstant('2026-01-01T12:00:00+02:00', 'UTC')).toBe('2026-01-01T10:00:00.000Z');
  });
});
