import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { refreshStaleRollups, warmRollups } from './rollups';

/** Options of {@link RollupWarmer}. @internal */
export interface RollupWarmerOptions {
  /** Quiet time after the last ingest before building. Default 2 s. */
  debounceMs?: number;
  /**
   * Longest wait after the first ingest of a busy stream. Default 5
   * minutes: builds running between pushes slow them down (on SQLite they
   * share the one connection), so a bulk load is built once it pauses.
   */
  maxDelayMs?: number;
  logger?: LoggerService;
}

/**
 * Keeps rollups current in the background after this instance's ingests:
 * once pushes pause (or at the latest `maxDelayMs` after the first), it
 * rebuilds the stale rollups and builds the missing ones of the entities
 * the pushes touched, so that owner queries find them ready instead of
 * building thousands inside a user's request. One run at a time; what is
 * touched meanwhile waits for the next. The scheduled refresh task and
 * build-on-read remain the fallback (another instance's pushes, a restart).
 *
 * @internal
 */
export class RollupWarmer {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt: number | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly debounceMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly knex: Knex,
    private readonly options: RollupWarmerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
  }

  /** Entities whose events an ingest just committed. */
  touched(entityRefs: Iterable<string>) {
    if (this.abort.signal.aborted) return;
    for (const ref of entityRefs) this.pending.add(ref);
    if (this.pending.size === 0) return;
    this.firstPendingAt ??= Date.now();
    this.schedule();
  }

  /** Runs what is pending now and resolves once nothing is left to do. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.start();
      }
      if (!this.running) return;
      await this.running;
    }
  }

  /** Stops: the current group finishes, nothing new starts. */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    const waited = Date.now() - (this.firstPendingAt ?? Date.now());
    const delay = Math.max(
      0,
      Math.min(this.debounceMs, this.maxDelayMs - waited),
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, delay);
    // Never keeps the process alive on its own.
    this.timer.unref?.();
  }

  private start() {
    if (this.running) return; // rescheduled when the run ends
    const refs = [...this.pending];
    this.pending.clear();
    this.firstPendingAt = undefined;
    const signal = this.abort.signal;
    this.running = (async () => {
      await refreshStaleRollups(this.knex, signal);
      await warmRollups(this.knex, refs, signal);
    })()
      .catch(error => {
        this.options.logger?.warn(
          `DORA rollups were not built in the background (built on read instead): ${error}`,
        );
      })
      .finally(() => {
        this.running = undefined;
        if (this.pending.size > 0 && !signal.aborted) {
          this.firstPendingAt ??= Date.now();
          this.schedule();
        }
      });
  }
}
