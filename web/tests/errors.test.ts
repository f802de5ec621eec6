import { describe, expect, it } from 'vitest';
import { ApiError, QueuedOffline } from '../src/api/client';
import { attempt } from '../src/lib/errors';

describe('attempt', () => {
  it('counts a write queued offline as done, and turns a refusal into its message', async () => {
    const write = { id: 'w', method: 'PUT', path: '/api/goals/update/g', body: null, idempotencyKey: 'k', workspace: 'ws', queuedAt: '' };
    expect(await attempt(() => Promise.resolve(), 'oops')).toEqual({ queued: false, error: '' });
    expect(await attempt(() => Promise.reject(new QueuedOffline(write)), 'oops')).toEqual({ queued: true, error: '' });
    const refused = new ApiError(400, { title: 'Bad', errors: { amount: ['must be greater than 0.'] } });
    expect(await attempt(() => Promise.reject(refused), 'oops')).toEqual({ queued: false, error: 'amount: must be greater than 0.' });
    expect(await attempt(() => Promise.reject(new TypeError('Failed to fetch')), 'oops')).toEqual({ queued: false, error: 'oops' });
  });
});
