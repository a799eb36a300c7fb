import type { RequestHandler } from 'express';
import { AppError } from './app-error.js';

export interface AdmissionOptions {
  /** Requests let through the rest of the chain at once. */
  concurrency: number;
  /** Requests allowed to wait for their turn; beyond it a 503 (busy) at once rather than a longer queue. */
  maxWaiting: number;
}

/**
 * At most `concurrency` requests at once past this point; the others wait their turn, first come first served,
 * before any work is done for them (mounted before the body parser, their bodies are not even read). Why (docs/performance.md, "Admission"): a
 * saturated event loop that starts every request it is sent interleaves them all, so each one's objects live across
 * many young-generation collections and are copied and promoted; a few at a time finish before the next collection,
 * and the young generation can stay small. A client that gives up while waiting leaves the queue.
 */
export class Admission {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly options: AdmissionOptions) {}

  /** Requests past this point now. */
  get running(): number {
    return this.active;
  }

  /** Requests waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  readonly middleware: RequestHandler = (_req, res, next) => {
    if (this.active < this.options.concurrency) {
      this.admit(res, next);
      return;
    }
    if (this.queue.length >= this.options.maxWaiting) {
      next(AppError.unavailable('The service is busy; try again shortly'));
      return;
    }
    const turn = (): void => this.admit(res, next);
    this.queue.push(turn);
    res.once('close', () => {
      const at = this.queue.indexOf(turn);
      if (at >= 0) this.queue.splice(at, 1);
    });
  };

  private admit(res: Parameters<RequestHandler>[1], next: () => void): void {
    this.active++;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active--;
      this.queue.shift()?.();
    };
    // 'close' follows 'finish', and alone comes when the client went away mid-answer.
    res.once('finish', release);
    res.once('close', release);
    next();
  }
}
