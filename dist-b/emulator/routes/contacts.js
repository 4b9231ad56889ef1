import { ok, resourceNotFound } from '../envelope.js';
import { appNames, stamp } from '../route.js';
import { toEntity } from '../users-store.js';
/** Add and remove answer with the friend's entity, under a path naming the owner's uuid. */
function change(ctx, action) {
    const owner = ctx.state.users.get(ctx.params.owner ?? '');
    const friend = ctx.state.users.get(ctx.params.friend ?? '');
    if (!owner || !friend)
        return resourceNotFound();
    // Contacts are mutual; removing someone who is not a contact still succeeds.
    if (action === 'post')
        ctx.state.users.addContact(owner.username, friend.username);
    else
        ctx.state.users.removeContact(owner.username, friend.username);
    const path = `/users/${owner.uuid}/contacts`;
    return ok({
        action,
        application: ctx.app.appUuid,
        path,
        uri: `${ctx.baseUri}${path}`,
        entities: [toEntity(friend)],
        ...stamp(ctx),
        ...appNames(ctx),
    });
}
/** Contacts in the order they were added. */
function list(ctx) {
    const owner = ctx.state.users.get(ctx.params.owner ?? '');
    if (!owner)
        return resourceNotFound();
    const data = ctx.state.users.contactsOf(owner.username);
    return ok({
        action: 'get',
        uri: `${ctx.baseUri}/users/${ctx.params.owner}/contacts/users`,
        entities: [],
        data,
        ...stamp(ctx),
        count: data.length,
    });
}
export const contactRoutes = {
    'contacts.add': { handle: (ctx) => change(ctx, 'post') },
    'contacts.remove': { handle: (ctx) => change(ctx, 'delete') },
    'contacts.list': { handle: list },
};
//# sourceMappingURL=contacts.js.map