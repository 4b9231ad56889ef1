import { getArgumentValues, getNamedType, getOperationAST, getVariableValues, isAbstractType, isCompositeType, Kind, } from 'graphql';
import { limits } from '../easemob/input.js';
export const defaultListSizes = { contacts: 100, blocks: limits.blocksPerUser };
const count = (value) => (Array.isArray(value) ? value.length : 0);
/** Root fields run once; a list argument is sent in calls of `batch` items. */
const batchesOf = (batch, list) => (_m, args) => Math.ceil(count(list(args)) / batch);
const each = (m) => m;
/** Batch endpoints read 100 users per call (Easemob REST: 用户体系集成 › 批量获取用户在线状态). */
const batched = (m) => m / limits.batchStatus;
const one = () => 1;
const pageOf = (args, fallback) => Math.min(typeof args.first === 'number' ? Math.max(args.first, 0) : fallback, limits.listPage);
const profile = { shares: 'profile', witness: true };
const free = {};
/**
 * Every root field and every `User` field, keyed `Type.field` (a test checks none is missing);
 * fields of other types cost nothing of their own. Kept here rather than on the fields so the
 * schema modules stay declarative and the whole cost model reads in one place.
 */
export const fieldCosts = {
    'Query.viewer': free,
    'Query.user': { provesExistence: true },
    // One page per call; its users arrive with their profiles.
    'Query.users': { calls: one, size: (args) => pageOf(args, 20), carriesProfile: true },
    'Query.chatMessages': { calls: one, size: (args) => pageOf(args, 20) },
    'Query.presences': {
        calls: batchesOf(limits.presenceBatch, (args) => args.targets),
        size: (args) => count(args.targets),
    },
    // References resolve without a call; what is asked of them is counted per representation.
    'Query._entities': { size: (args) => count(args.representations) },
    'Query._service': free,
    'User.username': free,
    'User.uuid': profile,
    'User.nickname': profile,
    'User.activated': profile,
    'User.createdAt': profile,
    'User.modifiedAt': profile,
    'User.notificationDisplayStyle': profile,
    'User.noDisturbing': profile,
    'User.notifierName': profile,
    'User.deviceToken': profile,
    'User.notificationIgnoredGroups': profile,
    'User.status': { calls: batched },
    'User.offlineCount': { calls: each, witness: true },
    'User.offlineMessageStatus': { calls: each },
    'User.contacts': { calls: each, size: (_args, sizes) => sizes.contacts, witness: true },
    'User.blocks': { calls: each, size: (_args, sizes) => sizes.blocks, witness: true },
    'User.presence': { calls: batched },
    'User.presenceSubscriptions': {
        calls: each,
        size: (args) => Math.min(typeof args.pageSize === 'number' ? args.pageSize : 100, limits.sublistPageSize),
    },
    'Mutation.createUser': { calls: one, carriesProfile: true },
    // Up to 60 users in one call (Easemob REST: 用户体系集成 › 批量注册用户).
    'Mutation.createUsers': {
        calls: batchesOf(limits.batchRegister, (args) => args.input),
        size: (args) => count(args.input),
        carriesProfile: true,
    },
    'Mutation.deleteUser': { calls: one, carriesProfile: true },
    // One call deletes up to 500 (Easemob REST: 用户体系集成 › 批量删除用户) and answers their profiles.
    'Mutation.deleteUsers': {
        calls: one,
        size: (args) => typeof args.limit === 'number' ? Math.min(Math.max(args.limit, 0), limits.deleteMany) : 0,
        carriesProfile: true,
    },
    // One /token call; the token's user is read like any other.
    'Mutation.issueUserToken': { calls: one },
    'Mutation.resetPassword': { calls: one },
    'Mutation.updateUser': { calls: one, carriesProfile: true },
    'Mutation.deactivateUser': { calls: one, carriesProfile: true },
    'Mutation.activateUser': { calls: one },
    'Mutation.disconnectUser': { calls: one },
    // A viewer's request reads the other user's block list first (src/schema/relations.ts).
    'Mutation.addContact': { calls: one, viewerCalls: one },
    'Mutation.removeContact': { calls: one },
    // The owner's list now (the 500 limit is on the list), then the call that adds.
    'Mutation.blockUsers': { calls: () => 2 },
    'Mutation.unblockUser': { calls: one },
    'Mutation.setPresence': { calls: one },
    'Mutation.subscribePresence': {
        calls: batchesOf(limits.presenceBatch, (args) => args.targets),
        size: (args) => count(args.targets),
    },
    'Mutation.unsubscribePresence': {
        calls: batchesOf(limits.presenceBatch, (args) => args.targets),
    },
    // The client sends every target in one call (src/easemob/resources/messages.ts).
    'Mutation.sendMessage': {
        calls: batchesOf(limits.messageTargets, (args) => args.input?.targets),
        // A viewer's send reads each target's block list first (src/schema/send-policy.ts).
        viewerCalls: (_m, args) => count(args.input?.targets),
    },
    // Subscriptions start without a call (the pollers' reads are bounded by the subscription
    // limits); each event then costs what its selection asks.
    'Subscription.statusChanged': free,
    'Subscription.presenceChanged': free,
    'Subscription.messageSent': free,
};
/**
 * The Easemob calls `document` can make, for its operation `operationName` with `variables` (as the
 * client sent them). A document that does not validate or whose variables do not coerce estimates 0:
 * execution refuses it before any call.
 */
export function estimateCalls(schema, document, variables, operationName, options = {}) {
    const operation = getOperationAST(document, operationName);
    if (!operation)
        return 0;
    const root = schema.getRootType(operation.operation);
    if (!root)
        return 0;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors)
        return 0;
    const fragments = new Map(document.definitions.flatMap((d) => d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : []));
    const walk = {
        schema,
        fragments,
        variables: coerced.coerced,
        sizes: { ...defaultListSizes, ...options.listSizes },
        viewer: options.viewer ?? false,
    };
    const hundredths = object(walk, root, [operation.selectionSet], 1, {});
    return Math.ceil(hundredths / 100);
}
/** Costs are summed in hundredths of a call, so 100 statuses are exactly one call. */
const hundredthsOf = (calls) => Math.round(calls * 100);
function composite(walk, type, sets, m, at) {
    if (!isAbstractType(type))
        return object(walk, type, sets, m, at);
    // One item is one concrete type: the dearest one is the worst case.
    const costs = walk.schema
        .getPossibleTypes(type)
        .map((concrete) => object(walk, concrete, sets, m, at));
    return Math.max(0, ...costs);
}
function object(walk, type, sets, m, at) {
    let total = 0;
    const shared = new Set();
    let witnessed = false;
    for (const nodes of collectFields(walk, type, sets).values()) {
        const node = nodes[0];
        const definition = type.getFields()[node.name.value];
        if (!definition)
            continue; // __typename and the other meta fields
        const cost = fieldCosts[`${type.name}.${node.name.value}`] ?? free;
        const args = argumentsOf(walk, definition, node);
        if (cost.witness)
            witnessed = true;
        if (cost.shares && !shared.has(cost.shares)) {
            shared.add(cost.shares);
            if (!at.carriesProfile)
                total += hundredthsOf(m);
        }
        if (cost.calls)
            total += hundredthsOf(cost.calls(m, args));
        if (walk.viewer && cost.viewerCalls)
            total += hundredthsOf(cost.viewerCalls(m, args));
        const child = getNamedType(definition.type);
        if (!isCompositeType(child))
            continue;
        const size = cost.size ? Math.max(0, cost.size(args, walk.sizes)) : 1;
        const below = {
            // Wrappers (connections, edges, payloads) pass a carried profile on to their users.
            carriesProfile: cost.carriesProfile ?? (type.name === 'User' ? false : at.carriesProfile),
            provesExistence: cost.provesExistence,
        };
        const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
        total += composite(walk, child, sets, m * size, below);
    }
    if (at.provesExistence && !witnessed)
        total += hundredthsOf(m);
    return total;
}
function argumentsOf(walk, definition, node) {
    try {
        return getArgumentValues(definition, node, walk.variables);
    }
    catch {
        // Arguments that do not coerce fail the field before it calls anything.
        return {};
    }
}
/**
 * The fields selected on `type`, by response key, through fragments and inline fragments that
 * apply to it. Each alias is its own key: two aliases of one field are two sets of calls. `@skip`
 * and `@include` are not read: a field that may be asked for is counted.
 */
function collectFields(walk, type, sets, fields = new Map(), seen = new Set()) {
    for (const set of sets) {
        for (const selection of set.selections) {
            if (selection.kind === Kind.FIELD) {
                const key = selection.alias?.value ?? selection.name.value;
                fields.set(key, [...(fields.get(key) ?? []), selection]);
            }
            else if (selection.kind === Kind.INLINE_FRAGMENT) {
                if (!selection.typeCondition || applies(walk, selection.typeCondition.name.value, type)) {
                    collectFields(walk, type, [selection.selectionSet], fields, seen);
                }
            }
            else {
                const name = selection.name.value;
                const fragment = walk.fragments.get(name);
                if (!fragment || seen.has(name))
                    continue;
                seen.add(name);
                if (applies(walk, fragment.typeCondition.name.value, type)) {
                    collectFields(walk, type, [fragment.selectionSet], fields, seen);
                }
            }
        }
    }
    return fields;
}
function applies(walk, condition, type) {
    const named = walk.schema.getType(condition);
    if (!named)
        return false;
    return named === type || (isAbstractType(named) && walk.schema.isSubType(named, type));
}
//# sourceMappingURL=call-cost.js.map