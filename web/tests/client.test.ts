import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, QueuedOffline, queryString } from '../src/api/client';

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
    const queued = await client.post('/api/entry/expense', { amount: '-1.00' }, { queueable: true }).catch((e: unknown) => e);
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

  it('builds query strings with bracketed keys and skips empty values', () => {
    expect(queryString({ 'filters[type]': 'expenses', q: '', cursor: undefined, per_page: 30 })).toBe('?filters%5Btype%5D=expenses&per_page=30');
  });
});
