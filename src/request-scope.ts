import { AsyncLocalStorage } from 'node:async_hooks';

/** The request being served, so error ids and every log line (upstream calls too) can name it. */
export const requestScope = new AsyncLocalStorage<{
  requestId: string;
  /** Who the calls are made for, when not a request's viewer: `poller` for subscription polling. */
  caller?: string;
}>();
