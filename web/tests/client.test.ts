import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, QueuedOffline, queryString, queuesByDefault } from '../src/api/client';

interface Call { url: string; init: RequestInit }

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function header(call: Call, name: string): string | undefined {
  return (call.init.headers as Record<string, string>)[name];
}

describe('ApiClient', () => {
  let calls: Call[];
  let answers: Array<(call: Call) => Response | Promise<Response>>;
  let client: ApiClient;
  let keys: number;

  beforeEach(() => {
    localStorage.clear();
    calls = [];
    answers = [];
    keys = 0;
    client = new ApiClient({
      storage: localStorage,
      newKey: () => `key-${++keys}`,
      fetch: async (input, init) => {
        const call = { url: String(input), init: init ?? {} };
        calls.push(call);
        const answer = answers.shift();
        if (!answer) throw new Error(`unexpected call ${call.url}`);
        return answer(call);
      },
    });
    client.session = { accessToken: 'access-1', refreshToken: 'refresh-1' };
    client.workspace = 'ws-1';
  });

  it('sends the bearer token, the workspace and an idempotency key on POST', async () => {
    answers.push(() => json(201, { uuid: 'e1' }));
    const created = await client.post<{ uuid: string }>('/api/entry/expense', { amount: '-12.50' });
    expect(created.uuid).toBe('e1');
    expect(header(calls[0], 'Authorization')).toBe('Bearer access-1');
    expect(header(calls[0], 'X-WS')).toBe('ws-1');
    expect(header(calls[0], 'Idempotency-Key')).toBe('key-1');
    expect(calls[0].init.body).toBe('{"amount":"-12.50"}');
  });

  it('keeps a renewed access token from the Authorization response header', async () => {
    answers.push(() => json(200, [], { Authorization: 'Bearer access-2' }));
    answers.push(() => json(200, []));
    await client.get('/api/wallet/list');
    await client.get('/api/wallet/list');
    expect(client.session?.accessToken).toBe('access-2');
    expect(header(calls[1], 'Authorization')).toBe('Bearer access-2');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    answers.push(() => json(401, { title: 'Unauthorized' }));
    answers.push((call) => {
      expect(call.url).toBe('/api/auth/refresh');
      expect(JSON.parse(String(call.init.body))).toEqual({ refresh_token: 'refresh-1' });
      return json(200, { token: 'access-3', refresh_token: 'refresh-3' });
    });
    answers.push(() => json(200, { ok: true }));
    expect(await client.get('/api/wallet/list')).toEqual({ ok: true });
    expect(header(calls[2], 'Authorization')).toBe('Bearer access-3');
    expect(client.session).toEqual({ accessToken: 'access-3', refreshToken: 'refresh-3' });
  });

  it('signs out when the refresh is refused', async () => {
    let signedOut = false;
    client.events.signedOut = () => (signedOut = true);
    answers.push(() => json(401, { title: 'Unauthorized' }));
    answers.push(() => json(401, { title: 'invalid_grant' }));
    await expect(client.get('/api/wallet/list')).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toBe(true);
    expect(client.session).toBeNull();
  });

  it('turns problem details into an ApiError with field messages', async () => {
    answers.push(() => json(400, { title: 'One or more validation errors occurred.', status: 400, errors: { amount: ['must be negative.'] } }));
    const error = await client.post('/api/entry/expense', { amount: '5' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).fields).toEqual({ amount: 'must be negative.' });
  });

  it('answers GETs from the last-loaded data when offline', async () => {
    answers.push(() => json(200, [{ uuid: 'w1' }]));
    await client.get('/api/wallet/list');
    answers.push(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await client.get('/api/wallet/list')).toEqual([{ uuid: 'w1' }]);
    expect(client.isOffline).toBe(true);
  });

  it('queues writes made offline and replays them with the same idempotency key', async () => {
    answers.push(() => {
      throw new TypeError('Failed to fetch');
    });
    const queued = await client.post('/api/entry/expense', { amount: '-1.00' }).catch((e: unknown) => e);
    expect(queued).toBeInstanceOf(QueuedOffline);
    expect(client.offline.queued()).toHaveLength(1);
    const firstKey = header(calls[0], 'Idempotency-Key');

    // Still offline: the replay stops and keeps the write.
    answers.push(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await client.replay()).toBe(0);
    expect(client.offline.queued()).toHaveLength(1);

    answers.push(() => json(201, { uuid: 'e1' }));
    expect(await client.replay()).toBe(1);
    expect(client.offline.queued()).toHaveLength(0);
    expect(header(calls[1], 'Idempotency-Key')).toBe(firstKey);
    expect(header(calls[2], 'Idempotency-Key')).toBe(firstKey);
    expect(header(calls[2], 'X-WS')).toBe('ws-1');
  });

  it('drops a queued write the server refuses and reports it', async () => {
    answers.push(() => {
      throw new TypeError('Failed to fetch');
    });
    await client.post('/api/entry/expense', { amount: '1' }, { queueable: true }).catch(() => undefined);
    answers.push(() => json(400, { title: 'Bad', errors: { amount: ['must be negative.'] } }));
    const refused: string[] = [];
    expect(await client.replay((_w, e) => refused.push(e.message))).toBe(0);
    expect(refused).toEqual(['Bad']);
    expect(client.offline.queued()).toHaveLength(0);
  });

  const offline = () => {
    throw new TypeError('Failed to fetch');
  };

  it('sends an idempotency key with every write but not with reads or account calls', async () => {
    answers.push(() => json(200, {}), () => json(200, {}), () => json(204, undefined), () => json(200, {}), () => json(200, {}));
    await client.put('/api/entry/expense/e1', { amount: '-1' });
    await client.patch('/api/wallet/archive/w1');
    await client.delete('/api/entry/e1');
    await client.get('/api/entry');
    await client.post('/api/auth/authenticate', { email: 'a' });
    expect(calls.map((c) => header(c, 'Idempotency-Key'))).toEqual(['key-1', 'key-2', 'key-3', undefined, undefined]);
  });

  it('queues data writes by default, but not account, workspace management or search calls', () => {
    expect(queuesByDefault('PUT', '/api/entry/expense/e1')).toBe(true);
    expect(queuesByDefault('DELETE', '/api/budget/b1')).toBe(true);
    expect(queuesByDefault('POST', '/api/goals/create')).toBe(true);
    expect(queuesByDefault('GET', '/api/entry')).toBe(false);
    expect(queuesByDefault('POST', '/api/auth/logout')).toBe(false);
    expect(queuesByDefault('DELETE', '/api/workspace/ws-1')).toBe(false);
    expect(queuesByDefault('POST', '/api/workspace/create')).toBe(false);
    expect(queuesByDefault('POST', '/api/find')).toBe(false);
  });

  it('queues an offline edit with its label and headers, and replays it with the same key', async () => {
    answers.push(offline);
    const error = await client.put('/api/entry/expense/e1', { amount: '-2.00', version: 3 }, { label: 'Edit of coffee', headers: { 'If-Match': '"3"' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueuedOffline);
    const [write] = client.offline.queued();
    expect(write).toMatchObject({ method: 'PUT', path: '/api/entry/expense/e1', label: 'Edit of coffee', idempotencyKey: 'key-1', workspace: 'ws-1', attempts: 0 });

    answers.push(() => json(200, { uuid: 'e1', version: 4 }));
    expect(await client.replay()).toBe(1);
    expect(calls[1].init.method).toBe('PUT');
    expect(header(calls[1], 'Idempotency-Key')).toBe('key-1');
    expect(header(calls[1], 'If-Match')).toBe('"3"');
    expect(calls[1].init.body).toBe('{"amount":"-2.00","version":3}');
  });

  it('keeps the order: a write made while others wait is queued behind them and sent after them', async () => {
    answers.push(offline);
    await client.post('/api/entry/expense', { n: 1 }).catch(() => undefined);
    // The network is back, but the first write has not been sent yet: the edit must not overtake it.
    const seen: string[] = [];
    answers.push((call) => (seen.push(`${call.init.method} ${call.url}`), json(201, {})));
    answers.push((call) => (seen.push(`${call.init.method} ${call.url}`), json(200, {})));
    const second = await client.put('/api/entry/expense/e9', { n: 2 }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(QueuedOffline);
    await client.replay();
    expect(seen).toEqual(['POST /api/entry/expense', 'PUT /api/entry/expense/e9']);
    expect(client.offline.queued()).toHaveLength(0);
  });

  it('stops at a write that gets no answer, counts the attempt and keeps the rest in order', async () => {
    answers.push(offline);
    await client.delete('/api/label/l1').catch(() => undefined);
    // Queued behind the first, which is tried again at once: the server is still unavailable.
    answers.push(() => json(503, { title: 'Service unavailable' }));
    await client.delete('/api/label/l2').catch(() => undefined);
    expect(await client.replay()).toBe(0);
    expect(client.offline.queued().map((w) => [w.path, w.attempts])).toEqual([['/api/label/l1', 1], ['/api/label/l2', 0]]);

    answers.push(() => json(429, { title: 'Too many requests' }));
    expect(await client.replay()).toBe(0);
    expect(client.offline.queued().map((w) => w.attempts)).toEqual([2, 0]);

    // A queued delete of something already gone is done, not refused.
    const refused: string[] = [];
    answers.push(() => json(404, { title: 'Not found' }), () => json(204, undefined));
    expect(await client.replay((w) => refused.push(w.path))).toBe(1);
    expect(refused).toEqual([]);
    expect(client.offline.queued()).toHaveLength(0);
  });

  it('reports replays through its events and can replay again after an empty run', async () => {
    const events: string[] = [];
    client.events = {
      syncing: (on) => events.push(on ? 'syncing' : 'idle'),
      synced: (n) => events.push(`synced ${n}`),
      queueChanged: (n) => events.push(`queue ${n}`),
    };
    expect(await client.replay()).toBe(0);
    answers.push(offline);
    await client.post('/api/goals/create', { name: 'Bike' }).catch(() => undefined);
    answers.push(() => json(201, {}));
    expect(await client.replay()).toBe(1);
    expect(events).toEqual(['syncing', 'idle', 'queue 0', 'queue 1', 'syncing', 'queue 0', 'synced 1', 'idle', 'queue 0']);
  });

  it('builds query strings with bracketed keys and skips empty values', () => {
    expect(queryString({ 'filters[type]': 'expenses', q: '', cursor: undefined, per_page: 30 })).toBe('?filters%5Btype%5D=expenses&per_page=30');
  });
});
