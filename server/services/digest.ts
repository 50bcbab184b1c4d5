/**
 * The moderators' digest: every `intervalMs`, one mail per moderator address listing the comments
 * that started waiting for approval since the last digest, through the notification outbox.
 * Nothing new, no mail. Run it on one process (set `moderatorEmails` there only).
 */
import type { MailRow, Storage } from '../storage/types.js';

export interface DigestOptions {
  storage: Storage;
  emails: string[];
  intervalMs: number;
  publicUrl: () => string;
  enqueueMail: (mails: MailRow[]) => Promise<void>;
  now?: () => number;
  log?: (line: string) => void;
}

const MAX_LISTED = 50;

export class ModeratorDigest {
  readonly #o: DigestOptions;
  readonly #now: () => number;
  #since: number;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: DigestOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    // After a restart, the first digest covers one interval back.
    this.#since = this.#now() - options.intervalMs;
  }

  start(): void {
    if (this.#timer || !this.#o.emails.length) return;
    this.#timer = setInterval(
      () => void this.send().catch((e: Error) => this.#o.log?.(`chime: digest failed: ${e.message}`)),
      this.#o.intervalMs,
    );
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Sends the digest now (if anything new waits); resolves to the number of mails queued. */
  async send(): Promise<number> {
    const until = this.#now();
    const pending = await this.#o.storage.moderationQueue('pending', 1000, null);
    const { pending: waiting } = await this.#o.storage.queueSizes(); // the queue above stops at 1,000
    const fresh = pending.filter((c) => c.createdAt > this.#since && c.createdAt <= until);
    this.#since = until;
    if (!fresh.length || !this.#o.emails.length) return 0;
    const admin = `${this.#o.publicUrl()}/admin`;
    const lines = fresh.slice(0, MAX_LISTED).flatMap((c) => {
      const excerpt = c.body.replace(/\s+/g, ' ').slice(0, 200);
      return [
        `- ${c.name} on ${c.page} (${new Date(c.createdAt).toISOString()}):`,
        `  ${excerpt}${c.body.length > 200 ? '…' : ''}`,
      ];
    });
    const more = fresh.length > MAX_LISTED ? [`…and ${fresh.length - MAX_LISTED} more.`] : [];
    const count = fresh.length === 1 ? '1 new comment waits' : `${fresh.length} new comments wait`;
    const text = [
      `${count} for approval (${waiting} pending in all).`,
      '',
      ...lines,
      ...more,
      '',
      `Moderate them at ${admin}`,
      '',
      'You get this because your address is in the server’s --moderator-emails.',
    ].join('\n');
    await this.#o.enqueueMail(
      this.#o.emails.map((to) => ({ to, subject: `Chime: ${count} for approval`, text, headers: {}, createdAt: until })),
    );
    return this.#o.emails.length;
  }
}
