import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { api } from '../src/api/client';
import { useSync } from '../src/stores/sync';

describe('sync store', () => {
  beforeEach(() => {
    localStorage.clear();
    api.events = {};
    api.session = { accessToken: 'a', refreshToken: 'r' };
    api.workspace = 'ws-1';
    setActivePinia(createPinia());
  });

  it('follows the queue, sends it in order once online and lists what the server refused', async () => {
    const sync = useSync();
    sync.attach();
    let online = false;
    const sent: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      sent.push(`${init.method} ${url} ${(init.headers as Record<string, string>)['Idempotency-Key']}`);
      return url.includes('b1')
        ? new Response(JSON.stringify({ title: 'The budget was changed meanwhile', status: 409 }), { status: 409 })
        : new Response(JSON.stringify({}), { status: 200 });
    });

    await api.put('/api/entry/expense/e1', { amount: '-3' }, { label: 'Edit of coffee' }).catch(() => undefined);
    await api.put('/api/budget/update/b1', { name: 'Food' }, { label: 'Edit of budget Food' }).catch(() => undefined);
    await api.delete('/api/goals/g1', { label: 'Deletion of goal Bike' }).catch(() => undefined);
    expect(sync.size).toBe(3);
    expect(sync.queue.map((w) => w.label)).toEqual(['Edit of coffee', 'Edit of budget Food', 'Deletion of goal Bike']);
    const keys = sync.queue.map((w) => w.idempotencyKey);
    // The writes queued behind the first started a replay that failed offline; let it finish.
    await api.replay();

    online = true;
    expect(await sync.sync()).toBe(2);
    expect(sent.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['PUT /api/entry/expense/e1', 'PUT /api/budget/update/b1', 'DELETE /api/goals/g1']);
    expect(sent.map((s) => s.split(' ')[2])).toEqual(keys);
    expect(sync.size).toBe(0);
    expect(sync.syncing).toBe(false);
    expect(sync.lastSent).toBe(2);
    expect(sync.refused.map((r) => [r.write.label, r.status, r.message])).toEqual([['Edit of budget Food', 409, 'The budget was changed meanwhile']]);
    sync.dismiss(sync.refused[0].write.id);
    expect(sync.refused).toHaveLength(0);
    vi.unstubAllGlobals();
  });

  it('discards a waiting write without sending it', async () => {
    const sync = useSync();
    sync.attach();
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetch);
    await api.post('/api/label', { name: 'x' }).catch(() => undefined);
    expect(sync.size).toBe(1);
    sync.discard(sync.queue[0].id);
    expect(sync.size).toBe(0);
    expect(api.offline.queued()).toHaveLength(0);
    expect(await sync.sync()).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});
