/**
 * Who is asking: reader tokens (HMAC-signed by the server, so they need no table), publisher SSO
 * tokens (JWT HS256 with the site's secret) and the admin token for moderation.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { ChimeError, type Reader } from '../../src/backend/contract.js';

/** The identity behind a request. */
export interface Viewer {
  readerId: string | null;
  name?: string;
  email?: string;
  verified: boolean;
  moderator: boolean;
  ip: string;
}

interface TokenPayload {
  /** Reader id. */
  sub: string;
  name?: string;
  email?: string;
  verified?: boolean;
  moderator?: boolean;
  iat: number;
  /** Seconds since the epoch. */
  exp?: number;
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

export class Auth {
  readonly #secret: Buffer;
  readonly #sso: Uint8Array | null;
  readonly #admin: Buffer | null;

  constructor(options: { secret: string; ssoSecret?: string | null; adminToken?: string | null }) {
    this.#secret = Buffer.from(options.secret);
    this.#sso = options.ssoSecret ? new TextEncoder().encode(options.ssoSecret) : null;
    this.#admin = options.adminToken ? Buffer.from(options.adminToken) : null;
  }

  /** A new anonymous reader, or (with an SSO token) one bound to the publisher's user. */
  async issue(sso?: string): Promise<{ token: string; reader: Reader }> {
    const now = Math.floor(Date.now() / 1000);
    let payload: TokenPayload;
    if (sso === undefined) {
      payload = { sub: `r_${randomBytes(12).toString('base64url')}`, iat: now };
    } else {
      if (!this.#sso) throw new ChimeError('unauthorized', 'This server does not accept sign-in tokens.');
      let claims: Record<string, unknown>;
      try {
        ({ payload: claims } = await jwtVerify(sso, this.#sso, { algorithms: ['HS256'] }));
      } catch {
        throw new ChimeError('unauthorized', 'The sign-in token is not valid.');
      }
      if (typeof claims.sub !== 'string' || !claims.sub) throw new ChimeError('unauthorized', 'The sign-in token names no user.');
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);
      payload = {
        sub: `sso:${claims.sub}`,
        name: str(claims.name) ?? claims.sub.slice(0, 80),
        email: str(claims.email)?.toLowerCase(),
        verified: true,
        moderator: claims.moderator === true || claims.role === 'moderator',
        iat: now,
        // Bound to the SSO session: at most as long as it, and at most 30 days.
        exp: Math.min(typeof claims.exp === 'number' ? claims.exp : Infinity, now + 30 * 86400),
      };
    }
    const body = b64(JSON.stringify(payload));
    return {
      token: `${body}.${this.#sign(body)}`,
      reader: { id: payload.sub, name: payload.name, verified: !!payload.verified, moderator: !!payload.moderator },
    };
  }

  /** The viewer a request's `Authorization` header names; throws on a bad token. */
  viewer(authorization: string | undefined, ip: string): Viewer {
    const anonymous: Viewer = { readerId: null, verified: false, moderator: false, ip };
    if (!authorization) return anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new ChimeError('unauthorized', 'Use "Authorization: Bearer <token>".');
    const token = match[1]!;
    if (this.#admin && safeEqual(Buffer.from(token), this.#admin)) {
      return { readerId: 'admin', name: 'Moderator', verified: true, moderator: true, ip };
    }
    const [body, sig] = token.split('.');
    if (!body || !sig || !safeEqual(Buffer.from(sig), Buffer.from(this.#sign(body)))) {
      throw new ChimeError('unauthorized', 'The reader token is not valid.');
    }
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as TokenPayload;
    } catch {
      throw new ChimeError('unauthorized', 'The reader token is not valid.');
    }
    if (payload.exp !== undefined && payload.exp * 1000 < Date.now())
      throw new ChimeError('unauthorized', 'The sign-in has expired.');
    return {
      readerId: payload.sub,
      name: payload.name,
      email: payload.email,
      verified: !!payload.verified,
      moderator: !!payload.moderator,
      ip,
    };
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url');
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
