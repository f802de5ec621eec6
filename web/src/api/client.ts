import { OfflineStore, type QueuedWrite } from './offline';

/** RFC 9457 problem details as the API answers them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  error?: string;
  errors?: Record<string, string[]>;
  request_id?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** Field errors by JSON field name (first message each). */
  get fields(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [field, messages] of Object.entries(this.problem.errors ?? {})) {
      result[field] = messages[0] ?? '';
    }
    return result;
  }
}

/** Thrown (as a value the caller can recognise) when a write was queued because the network is down. */
export class QueuedOffline extends Error {
  constructor(readonly write: QueuedWrite) {
    super('queued offline');
    this.name = 'QueuedOffline';
  }
}

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | string[] | undefined | null>;
  /**
   * Queue the write when offline and send it later with the same Idempotency-Key. Default: every write
   * except sign-in and account calls (`/api/auth/`), workspace management and searches (see `queuesByDefault`).
   */
  queueable?: boolean;
  /** What the write does, in the user's language: shown in the queue panel while it waits. */
  label?: string;
  /** Extra headers (e.g. If-Match). */
  headers?: Record<string, string>;
}

/**
 * Writes queued offline unless a caller says otherwise: data changes of the current workspace. Not queued:
 * sign-in and account calls, workspace management (create, share, delete, switch: they need an answer
 * now) and `/api/find` (a read sent as POST).
 */
export function queuesByDefault(method: string, path: string): boolean {
  return method !== 'GET' && !/^\/api\/(auth|workspace|find)(\/|\?|$)/.test(path);
}

export interface ClientEvents {
  signedOut?: () => void;
  offlineChanged?: (offline: boolean) => void;
  queueChanged?: (size: number) => void;
  /** A replay started (true) or ended (false). */
  syncing?: (on: boolean) => void;
  /** The server refused a queued write (4xx): it is dropped from the queue. */
  refused?: (write: QueuedWrite, error: ApiError) => void;
  /** A replay sent this many writes. */
  synced?: (sent: number) => void;
}

export interface ClientDeps {
  fetch?: typeof fetch;
  storage?: Storage;
  base?: string;
  newKey?: () => string;
}

const sessionKey = 'bc.session';
const workspaceKey = 'bc.workspace';

/**
 * The one way the app talks to the API: bearer token (renewed from the Authorization response header or
 * with the refresh token on 401), the workspace in X-WS, problem details as ApiError, an Idempotency-Key on
 * every write, last-loaded GETs kept for offline reading, and offline writes queued for replay in order.
 */
export class ApiClient {
  readonly offline: OfflineStore;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: Storage;
  private readonly base: string;
  private readonly newKey: () => string;
  private refreshing: Promise<boolean> | null = null;
  private replaying: Promise<number> | null = null;
  events: ClientEvents = {};
  locale = 'en';
  isOffline = false;

  constructor(deps: ClientDeps = {}) {
    this.fetchImpl = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = deps.storage ?? globalThis.localStorage;
    this.base = deps.base ?? '';
    this.newKey = deps.newKey ?? (() => crypto.randomUUID());
    this.offline = new OfflineStore(this.storage);
  }

  get session(): Session | null {
    const text = this.storage.getItem(sessionKey);
    return text ? (JSON.parse(text) as Session) : null;
  }

  set session(value: Session | null) {
    if (value) {
      this.storage.setItem(sessionKey, JSON.stringify(value));
    } else {
      this.storage.removeItem(sessionKey);
    }
  }

  get workspace(): string | null {
    return this.storage.getItem(workspaceKey);
  }

  set workspace(value: string | null) {
    if (value) {
      this.storage.setItem(workspaceKey, value);
    } else {
      this.storage.removeItem(workspaceKey);
    }
  }

  signOut(): void {
    this.session = null;
    this.workspace = null;
    this.offline.clearAll();
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = path + queryString(options.query);
    // Every write outside /api/auth/ carries a key: the API honours it where a retry could write twice.
    const idempotencyKey = method !== 'GET' && !path.startsWith('/api/auth/') ? this.newKey() : undefined;
    const queueable = method !== 'GET' && (options.queueable ?? queuesByDefault(method, path));
    const workspace = this.workspace;
    if (queueable && this.offline.queued().length > 0) {
      // Writes reach the server in the order they were made: this one waits behind those still queued.
      const write = this.enqueue(method, url, options, idempotencyKey, workspace);
      void this.replay();
      throw new QueuedOffline(write);
    }
    try {
      const result = await this.send<T>(method, url, options.body, idempotencyKey, workspace, options.headers);
      this.setOffline(false);
      if (method === 'GET') {
        this.offline.remember(workspace, url, result);
      }
      return result;
    } catch (error) {
      if (!(error instanceof TypeError)) {
        throw error;
      }
      // fetch rejects with a TypeError only when the network is unreachable.
      this.setOffline(true);
      if (method === 'GET') {
        const cached = this.offline.recall<T>(workspace, url);
        if (cached !== undefined) {
          return cached;
        }
      } else if (queueable) {
        throw new QueuedOffline(this.enqueue(method, url, options, idempotencyKey, workspace));
      }
      throw error;
    }
  }

  private enqueue(method: string, url: string, options: RequestOptions, idempotencyKey: string | undefined, workspace: string | null): QueuedWrite {
    const write: QueuedWrite = {
      id: this.newKey(),
      method,
      path: url,
      body: options.body,
      idempotencyKey: idempotencyKey ?? this.newKey(),
      workspace,
      queuedAt: new Date().toISOString(),
      headers: options.headers,
      label: options.label,
      attempts: 0,
    };
    this.offline.enqueue(write);
    this.events.queueChanged?.(this.offline.queued().length);
    return write;
  }

  /**
   * Sends the queued writes in order, each with its own Idempotency-Key, so a write the server already took
   * (the answer was lost) is not made twice. Stops at the first write that gets no answer (network down or
   * a 5xx): it stays first in the queue. A write the server refuses (4xx) is dropped and reported, except a
   * DELETE answered 404: what it deleted is gone, which is what it asked for. Returns how many were sent.
   */
  replay(onRefused?: (write: QueuedWrite, error: ApiError) => void): Promise<number> {
    // Cleared in a later microtask, so even a run that finishes synchronously (empty queue) is not kept.
    this.replaying ??= this.sendQueue(onRefused).finally(() => (this.replaying = null));
    return this.replaying;
  }

  private async sendQueue(onRefused?: (write: QueuedWrite, error: ApiError) => void): Promise<number> {
    let sent = 0;
    this.events.syncing?.(true);
    try {
      // Always the first of the queue: writes queued meanwhile are sent in the same run, in order.
      for (let write = this.offline.queued()[0]; write; write = this.offline.queued()[0]) {
        try {
          await this.send(write.method, write.path, write.body, write.idempotencyKey, write.workspace, write.headers);
          sent++;
        } catch (error) {
          if (error instanceof ApiError && error.status < 500 && error.status !== 408 && error.status !== 429) {
            if (!(write.method === 'DELETE' && error.status === 404)) {
              onRefused?.(write, error);
              this.events.refused?.(write, error);
            }
          } else {
            this.offline.failed(write.id);
            if (error instanceof TypeError) {
              this.setOffline(true);
            }
            break;
          }
        }
        this.offline.remove(write.id);
        this.events.queueChanged?.(this.offline.queued().length);
      }
      if (sent > 0) {
        this.setOffline(false);
        this.events.synced?.(sent);
      }
      return sent;
    } finally {
      this.events.syncing?.(false);
      this.events.queueChanged?.(this.offline.queued().length);
    }
  }

  private setOffline(offline: boolean): void {
    if (this.isOffline !== offline) {
      this.isOffline = offline;
      this.events.offlineChanged?.(offline);
    }
  }

  private async send<T>(
    method: string,
    url: string,
    body: unknown,
    idempotencyKey: string | undefined,
    workspace: string | null,
    extra: Record<string, string> = {},
    retried = false,
  ): Promise<T> {
    const session = this.session;
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': this.locale, ...extra };
    if (session) {
      headers.Authorization = `Bearer ${session.accessToken}`;
    }
    if (workspace) {
      headers['X-WS'] = workspace;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (idempotencyKey) {
      headers['Idempotency-Key'] = idempotencyKey;
    }
    const response = await this.fetchImpl(this.base + url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

    // Sliding sessions: the server renews an expired access token and sends the new one back.
    const renewed = response.headers.get('Authorization');
    if (session && renewed?.startsWith('Bearer ')) {
      this.session = { ...session, accessToken: renewed.slice(7) };
    }

    if (response.status === 401 && session && !retried && !url.startsWith('/api/auth/')) {
      if (await this.refresh()) {
        return this.send<T>(method, url, body, idempotencyKey, workspace, extra, true);
      }
      this.signOut();
      this.events.signedOut?.();
    }
    if (!response.ok) {
      throw new ApiError(response.status, await readProblem(response));
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** One refresh at a time: concurrent 401s wait for the same rotation. */
  private refresh(): Promise<boolean> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async rotate(): Promise<boolean> {
    const session = this.session;
    if (!session?.refreshToken) {
      return false;
    }
    const response = await this.fetchImpl(`${this.base}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: session.refreshToken }),
    });
    if (!response.ok) {
      return false;
    }
    const tokens = (await response.json()) as { token: string; refresh_token: string };
    this.session = { accessToken: tokens.token, refreshToken: tokens.refresh_token };
    return true;
  }
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Problem;
    return { status: response.status, ...body };
  } catch {
    return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  }
}

export function queryString(query: RequestOptions['query']): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((v) => params.append(key, v));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const api = new ApiClient();
