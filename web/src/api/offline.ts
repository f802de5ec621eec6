// Last-loaded data (GET answers) and writes made offline, kept in localStorage so they survive a reload.

export interface QueuedWrite {
  id: string;
  method: string;
  path: string;
  body: unknown;
  /** Sent with every attempt, so the server makes the change once however often it is retried. */
  idempotencyKey: string;
  workspace: string | null;
  queuedAt: string;
  /** Extra headers of the original request (If-Match). */
  headers?: Record<string, string>;
  /** What the user did, in their language, for the queue panel. */
  label?: string;
  /** Attempts that failed without an answer (network down, 5xx). */
  attempts?: number;
}

const cachePrefix = 'bc.cache.';
const queueKey = 'bc.queue';
const maxCachedChars = 400_000;

export class OfflineStore {
  constructor(private readonly storage: Storage) {}

  private cacheKey(workspace: string | null, path: string): string {
    return `${cachePrefix}${workspace ?? '-'}.${path}`;
  }

  remember(workspace: string | null, path: string, body: unknown): void {
    const text = JSON.stringify(body);
    if (text.length > maxCachedChars) {
      return;
    }
    try {
      this.storage.setItem(this.cacheKey(workspace, path), text);
    } catch {
      // Storage full: drop the cached answers (the queue is kept) and go on without caching this one.
      this.clearCache();
    }
  }

  recall<T>(workspace: string | null, path: string): T | undefined {
    const text = this.storage.getItem(this.cacheKey(workspace, path));
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  clearCache(): void {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(cachePrefix)) {
        keys.push(key);
      }
    }
    keys.forEach((key) => this.storage.removeItem(key));
  }

  queued(): QueuedWrite[] {
    const text = this.storage.getItem(queueKey);
    return text === null ? [] : (JSON.parse(text) as QueuedWrite[]);
  }

  enqueue(write: QueuedWrite): void {
    this.storage.setItem(queueKey, JSON.stringify([...this.queued(), write]));
  }

  remove(id: string): void {
    this.storage.setItem(queueKey, JSON.stringify(this.queued().filter((w) => w.id !== id)));
  }

  /** Counts a failed attempt of a queued write (shown in the queue panel). */
  failed(id: string): void {
    this.storage.setItem(queueKey, JSON.stringify(this.queued().map((w) => (w.id === id ? { ...w, attempts: (w.attempts ?? 0) + 1 } : w))));
  }

  clearAll(): void {
    this.clearCache();
    this.storage.removeItem(queueKey);
  }
}
