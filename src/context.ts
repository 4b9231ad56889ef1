import type { EasemobClient } from './easemob/client.js';
import { createLoaders, type Loaders } from './loaders/index.js';

/** What every resolver sees: the shared Easemob client and this request's own loaders. */
export interface Context {
  easemob: EasemobClient;
  loaders: Loaders;
}

export function createContext(easemob: EasemobClient): Context {
  return { easemob, loaders: createLoaders(easemob) };
}
