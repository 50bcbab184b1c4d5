// Request bodies: every write route reads its JSON the same way.
import type { Context } from 'hono';
import { ChimeError } from '../src/backend/contract.js';

/** The request's JSON object; an empty body is `{}`, anything else but an object is a 400. */
export async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ChimeError('bad_request', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChimeError('bad_request', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
