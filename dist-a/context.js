import { createLoaders } from './loaders/index.js';
export function createContext(easemob, viewer, options, 
/** Aborted when the caller has gone or the deadline passed: reads still awaited are given up. */
signal) {
    const { reads, ...rest } = options;
    return { easemob, loaders: createLoaders(reads, signal), viewer, ...rest };
}
/** The caller's own Easemob username, when the caller is a user (or an admin token naming one). */
export function viewerName(viewer) {
    return viewer.kind === 'anonymous' ? undefined : viewer.username;
}
//# sourceMappingURL=context.js.map