import { GraphQLError, getArgumentValues, Kind, } from 'graphql';
import { isReservedExtKey } from '../auth/viewer-policy.js';
import { isNotFound } from '../easemob/errors.js';
import { errorCodes } from '../errors.js';
/**
 * The viewers' send policy (README, Authentication and authorization), checked before any call:
 * allowed target types, no command messages, no reserved ext keys, the targets of the whole
 * operation bounded, the caller's deliveries per minute bounded, and no target who blocked the
 * sender. Admins are not checked.
 */
export async function enforceSendPolicy(ctx, send, sender, info) {
    if (ctx.viewer.kind === 'admin')
        return;
    const policy = ctx.viewerPolicy;
    if (!policy.sendTargetTypes.includes(send.targetType)) {
        throw refused(`viewers may send to ${policy.sendTargetTypes.join(', ')} only, not ${send.targetType}`, 'targetType');
    }
    if (send.message.type === 'cmd') {
        throw refused('command messages are for admins only', 'command');
    }
    const reserved = Object.keys(send.ext ?? {}).filter(isReservedExtKey);
    if (reserved.length > 0) {
        throw refused(`ext keys starting with em_ are reserved: ${reserved.join(', ')}`, 'ext');
    }
    const total = operationSendTargets(info);
    if (total > policy.sendMaxTargets) {
        throw refused(`this operation sends to ${total} targets (every sendMessage counted); viewers may send to at most ${policy.sendMaxTargets} per operation`, 'maxTargets');
    }
    if (send.targets.length > policy.sendsPerMinute) {
        throw refused(`${send.targets.length} targets are more than the ${policy.sendsPerMinute} a viewer may send to per minute`, 'perMinute');
    }
    // Taken before the blocks reads, so the bound also bounds what a refused sender can read.
    const quota = ctx.sendQuota.take(sender, send.targets.length);
    if (!quota.admitted) {
        throw new GraphQLError(`viewers may send ${policy.sendsPerMinute} messages (one per target) per minute; try again in ${Math.ceil(quota.retryAfterMs / 1000)} s`, {
            extensions: {
                code: errorCodes.rateLimited,
                policy: 'perMinute',
                retryAfterMs: quota.retryAfterMs,
            },
        });
    }
    if (send.targetType === 'users')
        await refuseBlocked(ctx, sender, send.targets);
}
/** One blocks read per target, through the shared read layer (so up to CACHE_BLOCKS_TTL_MS old). */
async function refuseBlocked(ctx, sender, targets) {
    const me = sender.toLowerCase();
    const lists = await Promise.all(targets.map((target) => 
    // An unknown target has no list: Easemob answers for it when the message is sent.
    ctx.loaders.blocks.load(target).catch((error) => {
        if (isNotFound(error))
            return [];
        throw error;
    })));
    const refusing = targets.find((_target, i) => lists[i].some((b) => b.toLowerCase() === me));
    // Like an IM client, it says the message was rejected; it names the target, who the sender
    // named, and nothing else of that user's list.
    if (refusing) {
        throw refused(`message rejected: ${refusing} does not accept messages from you`, 'blocked');
    }
}
/** Whether `caller` is blocked by `owner` (contacts' self-service rule); an unknown owner is not. */
export async function blockedBy(ctx, owner, caller) {
    const list = await ctx.loaders.blocks.load(owner).catch((error) => {
        if (isNotFound(error))
            return [];
        throw error;
    });
    return list.some((name) => name.toLowerCase() === caller.toLowerCase());
}
export function refused(message, policy) {
    return new GraphQLError(message, { extensions: { code: errorCodes.forbidden, policy } });
}
/**
 * The targets of every `sendMessage` at the root of the operation, aliases and fragments
 * included, with variables resolved: aliases would otherwise multiply a per-field bound.
 */
export function operationSendTargets(info) {
    const field = info.parentType.getFields()[info.fieldName];
    let total = 0;
    const seen = new Set();
    const walk = (set) => {
        for (const selection of set?.selections ?? []) {
            if (selection.kind === Kind.FIELD) {
                if (selection.name.value !== info.fieldName)
                    continue;
                try {
                    const args = getArgumentValues(field, selection, info.variableValues);
                    const targets = args.input?.targets;
                    total += Array.isArray(targets) ? targets.length : 0;
                }
                catch {
                    // Arguments that do not coerce fail their own field before it sends anything.
                }
            }
            else if (selection.kind === Kind.INLINE_FRAGMENT) {
                walk(selection.selectionSet);
            }
            else if (!seen.has(selection.name.value)) {
                seen.add(selection.name.value);
                walk(info.fragments[selection.name.value]?.selectionSet);
            }
        }
    };
    walk(info.operation.selectionSet);
    return total;
}
//# sourceMappingURL=send-policy.js.map