import { defineStore } from 'pinia';
import { api, type ApiError } from '../api/client';
import type { QueuedWrite } from '../api/offline';

export interface Refusal {
  write: QueuedWrite;
  status: number;
  message: string;
}

/**
 * The offline queue as the screens see it: the writes waiting (in the order they will be sent), whether
 * they are being sent now, and the writes the server refused on replay (shown until dismissed).
 */
export const useSync = defineStore('sync', {
  state: () => ({
    queue: api.offline.queued(),
    syncing: false,
    refused: [] as Refusal[],
    lastSent: 0,
  }),
  getters: {
    size: (s) => s.queue.length,
  },
  actions: {
    /** Connects the store to the API client's events (once, from App.vue). */
    attach() {
      const events = api.events;
      api.events = {
        ...events,
        queueChanged: (size) => {
          this.refresh();
          events.queueChanged?.(size);
        },
        syncing: (on) => (this.syncing = on),
        refused: (write, error) => this.refuse(write, error),
        synced: (sent) => {
          this.lastSent = sent;
          events.synced?.(sent);
        },
      };
    },
    refresh() {
      this.queue = api.offline.queued();
    },
    refuse(write: QueuedWrite, error: ApiError) {
      this.refused.push({ write, status: error.status, message: error.message });
    },
    /** Sends what is queued now; returns how many writes went through. */
    async sync(): Promise<number> {
      if (this.queue.length === 0 && api.offline.queued().length === 0) {
        return 0;
      }
      try {
        return await api.replay();
      } finally {
        this.refresh();
      }
    },
    /** Drops a waiting write without sending it. */
    discard(id: string) {
      api.offline.remove(id);
      this.refresh();
    },
    dismiss(id: string) {
      this.refused = this.refused.filter((r) => r.write.id !== id);
    },
  },
});
