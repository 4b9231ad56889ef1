import type { Viewer } from './auth/authenticate.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { SendQuota, ViewerPolicy } from './auth/viewer-policy.js';
import type { EasemobClient } from './easemob/client.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { ReadLayer } from './reads/reads.js';
import type { Realtime } from './realtime/realtime.js';

/** What every resolver sees: the shared Easemob client, the caller, and this request's loaders. */
export interface Context {
  easemob: EasemobClient;
  loaders: Loaders;
  viewer: Viewer;
  /** Viewers may read other users' public profile fields and status. */
  publicProfiles: boolean;
  /** What viewers may send and change; admins are not bound by it. */
  viewerPolicy: ViewerPolicy;
  /** Process-wide: each viewer's deliveries in the last minute. */
  sendQuota: SendQuota;
  /** Query cost limits, checked before any resolver runs. */
  limits: { complexity: number; depth: number };
  /** Process-wide subscriptions: pub/sub and the shared pollers. */
  realtime: Realtime;
  /** Failed user-token logins per username, process-wide (`issueUserToken`). */
  logins: LoginThrottle;
  /**
   * The graphql-ws connection the operation came on (set by src/realtime/websocket.ts); absent over
   * HTTP and SSE, where one request is one subscription.
   */
  connection?: object;
}

export interface ContextOptions {
  publicProfiles: boolean;
  viewerPolicy: ViewerPolicy;
  sendQuota: SendQuota;
  limits: Context['limits'];
  realtime: Realtime;
  logins: LoginThrottle;
  /** The process-wide read layer the loaders read through. */
  reads: ReadLayer;
}

export function createContext(
  easemob: EasemobClient,
  viewer: Viewer,
  options: ContextOptions,
  /** Aborted when the caller has gone or the deadline passed: reads still awaited are given up. */
  signal?: () => AbortSignal | undefined,
): Context {
  const { reads, ...rest } = options;
  return { easemob, loaders: createLoaders(reads, signal), viewer, ...rest };
}

/** An admin API key, an admin JWT, or the emulator's open dev mode. */
export const isAdmin = (ctx: Pick<Context, 'viewer'>) => ctx.viewer.kind === 'admin';

/** Whether the caller may read every user's public profile fields and status (PUBLIC_PROFILES). */
export const seesPublicProfiles = (ctx: Pick<Context, 'viewer' | 'publicProfiles'>) =>
  ctx.viewer.kind !== 'anonymous' && ctx.publicProfiles;

/** The caller's own Easemob username, when the caller is a user (or an admin token naming one). */
export function viewerName(viewer: Viewer): string | undefined {
  return viewer.kind === 'anonymous' ? undefined : viewer.username;
}
