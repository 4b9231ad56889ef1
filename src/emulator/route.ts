import type { EndpointName } from '../easemob/endpoints.js';
import type { Result } from './envelope.js';
import type { EmulatorState } from './state.js';

/** The emulated app: what its URLs, tokens and envelopes are made of. */
export interface AppConfig {
  orgName: string;
  appName: string;
  /** Fixed per org/app; every envelope's `application` field. */
  appUuid: string;
  clientId: string;
  clientSecret: string;
  defaultTokenTtlSeconds: number;
  openRegistration: boolean;
}

export interface RouteContext {
  endpoint: EndpointName;
  state: EmulatorState;
  app: AppConfig;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  /** A valid app token came with the call (only routes with auth 'optional' can see false). */
  hasAppToken: boolean;
  /** `http://{host}/{org}/{app}`: the documented answers build every `uri` from the host. */
  baseUri: string;
  startedAt: number;
  /** The 401 this call gets when it lacks the needed token. */
  denied(): Result;
}

export interface RouteDef {
  /** 'app' (default): an app token is required. 'optional': the handler decides. */
  auth?: 'app' | 'none' | 'optional';
  handle(ctx: RouteContext): Result | Promise<Result>;
}

export type RouteTable = Partial<Record<EndpointName, RouteDef>>;

/** The `timestamp` and `duration` every envelope carries. */
export function stamp(ctx: RouteContext): { timestamp: number; duration: number } {
  const timestamp = ctx.state.now();
  return { timestamp, duration: timestamp - ctx.startedAt };
}

export function appNames(ctx: RouteContext): { organization: string; applicationName: string } {
  return { organization: ctx.app.orgName, applicationName: ctx.app.appName };
}

/** A query parameter's first value. */
export function queryValue(ctx: RouteContext, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * usergrid echoes the query as `params`, every value a list, keys sorted
 * (Easemob「用户体系集成 › 批量获取用户」).
 */
export function echoParams(ctx: RouteContext): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const key of Object.keys(ctx.query).sort()) {
    const value = ctx.query[key];
    if (value !== undefined) params[key] = Array.isArray(value) ? value : [value];
  }
  return params;
}

/** A positive integer query parameter, or the fallback when absent or unusable. */
export function positiveInt(ctx: RouteContext, name: string, fallback: number): number {
  const raw = queryValue(ctx, name);
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `usernames` array of a body, or undefined when it is not a list of strings. */
export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return undefined;
  return value;
}
