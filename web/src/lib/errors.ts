import { ApiError, QueuedOffline } from '../api/client';

/** The message to show for a failed call: the problem's detail, or field errors joined. */
export function describe(error: unknown, fallback: string): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fields);
    if (fields.length > 0) {
      return fields.map(([field, message]) => `${field}: ${message}`).join(' ');
    }
    return error.message;
  }
  if (error instanceof TypeError) {
    return fallback;
  }
  return error instanceof Error ? error.message : fallback;
}

export interface Outcome {
  /** The write waits in the offline queue (it is sent once online; the queue panel shows it). */
  queued: boolean;
  /** The message to show when the write failed, else empty. */
  error: string;
}

/** Runs a write; one queued offline counts as done, since it will be sent in order once online. */
export async function attempt(write: () => Promise<unknown>, fallback: string): Promise<Outcome> {
  try {
    await write();
    return { queued: false, error: '' };
  } catch (e) {
    return e instanceof QueuedOffline ? { queued: true, error: '' } : { queued: false, error: describe(e, fallback) };
  }
}
