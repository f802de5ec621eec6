import { ApiError } from '../api/client';

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
