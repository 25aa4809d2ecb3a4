// One piece of data a page shows, with its state. Each Loader runs its requests through its own
// latestOnly(), so a filter change cancels the request the old filter started and a late answer
// never overwrites a newer one; the pages start all their loaders at once (in parallel).
import { ApiRequestError, isAbortError, latestOnly } from './api.ts';
import { t, type Lang } from './i18n.ts';

export type LoadStatus = 'loading' | 'ready' | 'error';

export class Loader<T> {
  status = $state<LoadStatus>('loading');
  data = $state.raw<T | null>(null);
  #error = $state.raw<unknown>(null);
  #runner = latestOnly();
  #last: ((signal: AbortSignal) => Promise<T>) | null = null;

  /** Starts loading (cancelling the request before); call it from an $effect. */
  load(fn: (signal: AbortSignal) => Promise<T>): void {
    this.#last = fn;
    this.status = 'loading';
    this.#runner.run(fn).then(
      (d) => {
        if (this.#last !== fn) return;
        this.data = d;
        this.#error = null;
        this.status = 'ready';
      },
      (e) => {
        if (isAbortError(e) || this.#last !== fn) return;
        console.error(e);
        this.#error = e;
        this.status = 'error';
      },
    );
  }

  retry = (): void => {
    if (this.#last) this.load(this.#last);
  };

  abort(): void {
    this.#runner.abort();
  }

  /** What went wrong, in the reader's language. */
  message(lang: Lang): string {
    return this.#error instanceof ApiRequestError ? this.#error.text(lang) : t(lang, 'state.error');
  }
}
