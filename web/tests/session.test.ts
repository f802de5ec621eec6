import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { api } from '../src/api/client';
import { useSession } from '../src/stores/session';
import { i18n, setLocale } from '../src/i18n';

const workspace = {
  workspace: { uuid: 'ws-2', name: 'Home', role: 'viewer', version: 0 },
  settings: { data: { currency: { id: 9, name: 'Yen', label: 'JPY', minor_units: 0 }, payment_type_id: 1, time_zone: 'Asia/Tokyo' } },
};

describe('session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('signs in, loads the workspaces and picks the current one', async () => {
    const seen: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push(`${init.method} ${url}`);
      const body = url.startsWith('/api/auth/authenticate')
        ? { token: 'a', refresh_token: 'r', workspaces: [] }
        : url === '/api/workspace/list'
          ? [{ uuid: 'ws-1', name: 'Old' }, { uuid: 'ws-2', name: 'Home', current: true }]
          : url === '/api/auth/user-info'
            ? { userInfo: { uuid: 'u', email: 'ann@example.com', locale: 'it' } }
            : url === '/api/workspace/ws-2'
              ? workspace
              : {};
      return new Response(JSON.stringify(body), { status: 200 });
    });
    const session = useSession();
    await session.signIn('ann@example.com', 'secret');
    expect(session.signedIn).toBe(true);
    expect(api.session).toEqual({ accessToken: 'a', refreshToken: 'r' });
    expect(api.workspace).toBe('ws-2');
    expect(session.currencyCode).toBe('JPY');
    expect(session.digits).toBe(0);
    expect(session.timeZone).toBe('Asia/Tokyo');
    expect(session.canWrite).toBe(false);
    expect(seen).toContain('PATCH /api/workspace/activate/ws-2');
    // The account's language is applied to the screen.
    expect(i18n.global.locale.value).toBe('it');
    setLocale('en');
    vi.unstubAllGlobals();
  });

  it('saves the profile on the server and shows the new name', async () => {
    api.session = { accessToken: 'a', refreshToken: 'r' };
    const sent: { method?: string; url: string; body: unknown; key: string | null }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ method: init.method, url, body: JSON.parse(String(init.body)), key: new Headers(init.headers).get('Idempotency-Key') });
      return new Response(JSON.stringify({ uuid: 'u', name: 'Ann B', email: 'ann@example.com', locale: 'it', two_factor: false }), { status: 200 });
    });
    const session = useSession();
    session.user = { uuid: 'u', name: 'Ann', email: 'ann@example.com' };
    const profile = await session.saveProfile({ name: 'Ann B', locale: 'it' });
    expect(profile.locale).toBe('it');
    expect(session.user.name).toBe('Ann B');
    expect(sent).toEqual([{ method: 'PUT', url: '/api/auth/profile', body: { name: 'Ann B', locale: 'it' }, key: null }]);
    expect(api.offline.queued()).toHaveLength(0);
    vi.unstubAllGlobals();
  });

  it('signs out locally even when the server cannot be reached', async () => {
    api.session = { accessToken: 'a', refreshToken: 'r' };
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const session = useSession();
    await session.signOut();
    expect(session.signedIn).toBe(false);
    expect(api.session).toBeNull();
    vi.unstubAllGlobals();
  });
});
