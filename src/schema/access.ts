import type { UserModel } from './user-model.js';

/**
 * Who may read or change what, in one place (issue C §2). Scope maps are OR-ed: any scope that
 * holds grants access.
 */

/** Anyone signed in: the field decides the rest. */
export const signedIn = { authenticated: true } as const;

export const adminOnly = { admin: true } as const;

/** Public profile fields and status: admins, the user, and viewers while PUBLIC_PROFILES is on. */
export const publicOf = (user: UserModel) => ({
  admin: true,
  self: user.username,
  publicProfiles: true,
});

/** Private data (contacts, blocks, counts, presence…): admins and the user. */
export const privateOf = (user: UserModel) => ({ admin: true, self: user.username });

/** Writes and reads on behalf of the user named by the `username` argument. */
export const actingAs = (_parent: unknown, args: { username: string }) => ({
  admin: true,
  self: args.username,
});
