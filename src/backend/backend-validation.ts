/**
 * Input rules only backends check (the local backend and the reference server): edits, ratings,
 * subscriptions and share networks. Elements never need them, so they live apart from
 * `validation.ts`, which chime.js carries.
 */
import type { SubscribeRequest } from './contract.js';
import { LIMITS, isValidEmail, validateComment, type FieldErrors } from './validation.js';

/** Networks a share may be recorded for. */
export const NETWORKS = [
  'facebook',
  'x',
  'linkedin',
  'reddit',
  'whatsapp',
  'telegram',
  'bluesky',
  'mastodon',
  'email',
  'threads',
  'pinterest',
  'hackernews',
  'xing',
  'vk',
  'line',
  'copy',
  'native',
] as const;

export type Network = (typeof NETWORKS)[number];

export function validateBody(body: string): FieldErrors {
  return validateComment({ body }, false);
}

export function validateRating(value: unknown, max: number = LIMITS.ratingMax): FieldErrors {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max
    ? {}
    : { value: `A rating is a whole number from 1 to ${max}.` };
}

export function validateSubscription(input: Partial<SubscribeRequest>): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.email || !isValidEmail(input.email)) errors.email = 'Please enter a valid email address.';
  if (!input.scope || !['page', 'replies', 'comment'].includes(input.scope)) errors.scope = 'Unknown notification scope.';
  if (input.scope === 'comment' && !input.commentId) errors.commentId = 'Which comment?';
  return errors;
}

export function isNetwork(value: unknown): value is Network {
  return typeof value === 'string' && (NETWORKS as readonly string[]).includes(value);
}
