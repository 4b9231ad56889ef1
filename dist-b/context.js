import { createLoaders } from './loaders/index.js';
export function createContext(easemob, viewer, options, 
/** Aborted when the caller has gone or the deadline passed: reads still awaited are given up. */
signal) {
    const { reads, ...rest } = options;
    return { easemob, loaders: createLoaders(reads, signal), viewer, ...rest };
}
/** An admin API key, an admin JWT, or the emulator's open dev mode. */
export const isAdmin = (ctx) => ctx.viewer.kind === 'admin';
/** Whether the caller may read every user's public profile fields and status (PUBLIC_PROFILES). */
export const seesPublicProfiles = (ctx) => ctx.viewer.kind !== 'anonymous' && ctx.publicProfiles;
/** The caller's own Easemob username, when the caller is a user (or an admin token naming one). */
export function viewerName(viewer) {
    return viewer.kind === 'anonymous' ? undefined : viewer.username;
}
//# sourceMappingURL=context.js.map