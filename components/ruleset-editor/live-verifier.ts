/**
 * The sequencing behind the editor's live verification, framework-free so it
 * can be tested with controlled promises:
 *
 * - one request at a time: a document asked for while one runs waits, and
 *   only the latest waiting one is sent when it returns (the solver runs one
 *   check at a time on the server anyway);
 * - the same document is never sent twice in a row;
 * - every request is numbered, and a response is only shown when its number
 *   is higher than the one on screen: a result for an older document never
 *   replaces a newer one, whatever order responses arrive in;
 * - a document that cannot be verified (blockedReason) is not sent.
 */

export interface Running<D> {
  id: number;
  doc: D;
}

export interface Shown<D, R> {
  /** Request number: a higher one is always for a newer document. */
  id: number;
  doc: D;
  result: R;
}

export interface LiveVerifierOptions<D, R> {
  run: (doc: D) => Promise<R>;
  /** The result to show when `run` throws. */
  failure: (error: unknown) => R;
  /** Why a document must not be sent, or null. */
  blockedReason: (doc: D) => string | null;
  onShown: (shown: Shown<D, R>) => void;
  onRunning: (running: Running<D> | null) => void;
  onBlocked: (blocked: { doc: D; reason: string } | null) => void;
}

export class LiveVerifier<D, R> {
  private counter = 0;
  private shownId = 0;
  private inFlight = false;
  private queued: { doc: D } | null = null;
  private lastSent: { doc: D } | null = null;
  private attached = true;

  private run: (doc: D) => Promise<R>;

  constructor(private readonly options: LiveVerifierOptions<D, R>) {
    this.run = options.run;
  }

  /** Replaces how documents are sent (e.g. the editor got another slug or verify function). */
  setRun(run: (doc: D) => Promise<R>): void {
    this.run = run;
  }

  /** Asks for `doc` to be verified; `force` sends it even if it was the last one sent (Check again). */
  request(doc: D, force = false): void {
    if (!force && this.lastSent && this.lastSent.doc === doc) return;
    if (this.inFlight) {
      this.queued = { doc };
      return;
    }
    void this.send(doc);
  }

  /** Stops reporting (the editor unmounted); `attach` resumes (React's strict-mode remount). */
  detach(): void {
    this.attached = false;
  }

  attach(): void {
    this.attached = true;
  }

  private async send(doc: D): Promise<void> {
    this.lastSent = { doc };
    const reason = this.options.blockedReason(doc);
    if (reason !== null) {
      this.options.onBlocked({ doc, reason });
      return;
    }
    this.options.onBlocked(null);
    const id = ++this.counter;
    this.inFlight = true;
    this.options.onRunning({ id, doc });
    let result: R;
    try {
      result = await this.run(doc);
    } catch (error) {
      result = this.options.failure(error);
    }
    this.inFlight = false;
    if (!this.attached) return;
    this.show(id, doc, result);
    this.options.onRunning(null);
    const next = this.queued;
    this.queued = null;
    if (next && !(this.lastSent && this.lastSent.doc === next.doc)) void this.send(next.doc);
  }

  /** Public for tests of the ordering guarantee: a response numbered below the one shown is dropped. */
  show(id: number, doc: D, result: R): boolean {
    if (id <= this.shownId) return false;
    this.shownId = id;
    this.options.onShown({ id, doc, result });
    return true;
  }
}
