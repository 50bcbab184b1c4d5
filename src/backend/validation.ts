/**
 * Input rules shared by the composer (client-side checks), the local backend and the reference
 * server, so the three agree on what is valid. Pure: no DOM, no Node. The checks only backends
 * make are in `backend-validation.ts`, so that chime.js does not carry them.
 */
import type { NewComment } from './contract.js';

export type { Network } from './backend-validation.js';

export const LIMITS = {
  bodyMax: 5000,
  nameMax: 80,
  emailMax: 254,
  reasonMax: 500,
  /** More links than this in one comment is treated as spam. */
  linksMax: 3,
  pageMax: 512,
  countsMax: 100,
  listMax: 100,
  ratingMax: 5,
} as const;

/** Field name → message key (see `src/i18n/en.ts`); empty when valid. */
export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isValidEmail(email: string): boolean {
  return email.length <= LIMITS.emailMax && EMAIL.test(email);
}

export function countLinks(body: string): number {
  return (body.match(/https?:\/\/|www\./gi) ?? []).length;
}

/**
 * Checks a new comment. `guest` says whether guest fields are required.
 * Messages are English; the UI maps field names to its own translated messages.
 */
export function validateComment(input: Partial<NewComment>, guest: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const body = (input.body ?? '').trim();
  if (!body) errors.body = 'Please write a comment.';
  else if (body.length > LIMITS.bodyMax) errors.body = `Comments are limited to ${LIMITS.bodyMax} characters.`;
  else if (countLinks(body) > LIMITS.linksMax) errors.body = `Comments may contain at most ${LIMITS.linksMax} links.`;
  if (guest) {
    const name = (input.author?.name ?? '').trim();
    if (!name) errors.name = 'Please enter your name.';
    else if (name.length > LIMITS.nameMax) errors.name = `Names are limited to ${LIMITS.nameMax} characters.`;
    const email = (input.author?.email ?? '').trim();
    if (email && !isValidEmail(email)) errors.email = 'Please enter a valid email address.';
    if (input.notify && !email) errors.email = 'Please enter your email to get notifications.';
  }
  return errors;
}
