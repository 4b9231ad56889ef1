import { isAdmin, seesPublicProfiles } from '../context.js';
/**
 * Who may read or change what, in one place (issue C §2). Scope maps are OR-ed: any scope that
 * holds grants access.
 */
/** Anyone signed in: the field decides the rest. */
export const signedIn = { authenticated: true };
export const adminOnly = { admin: true };
/*
 * Scope-auth decides a scope map once per request and map object, so a caller whose access does
 * not depend on whose field it is gets one shared map: a list of 1,000 users is decided once, not
 * once per user. The shared maps grant exactly what the per-user ones would for such a caller.
 */
const publicToEveryone = { admin: true, publicProfiles: true };
/** Public profile fields and status: admins, the user, and viewers while PUBLIC_PROFILES is on. */
export const publicOf = (user, _args, ctx) => isAdmin(ctx) || seesPublicProfiles(ctx)
    ? publicToEveryone
    : { admin: true, self: user.username, publicProfiles: true };
/** Private data (contacts, blocks, counts, presence…): admins and the user. */
export const privateOf = (user, _args, ctx) => ctx && isAdmin(ctx) ? adminOnly : { admin: true, self: user.username };
/** Writes and reads on behalf of the user named by the `username` argument. */
export const actingAs = (_parent, args) => ({
    admin: true,
    self: args.username,
});
/**
 * One rule for another user's online state, on every path (`User.status`, `User.presence`,
 * `presences`, `subscribePresence`, `statusChanged`, `presenceChanged`): whether they are online
 * is public like their profile (publicOf: off with PUBLIC_PROFILES=false); the details of their
 * presence — devices, ext, lastSeenAt — are private to them and admins (privateOf).
 */
export const presenceDetails = ['devices', 'ext', 'lastSeenAt'];
/** The fields of `presenceDetails` on a `Presence`, keyed on whose presence it is. */
export const presenceDetailsOf = (presence) => privateOf({ username: presence.username });
/**
 * Reading or watching `targets`' online state on behalf of `username`: admins, the user about
 * themselves alone, and about others only while PUBLIC_PROFILES holds (as `User.status`).
 */
export const onlineStateOf = (_parent, args) => ({
    admin: true,
    $all: {
        self: args.username,
        $any: { publicProfiles: true, self: onlyOwn(args.username, args.targets) },
    },
});
const same = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();
/** `username` when every target is that user, else a name no caller has. */
export const onlyOwn = (username, targets) => targets.every((target) => same(target, username)) ? username : '';
//# sourceMappingURL=access.js.map