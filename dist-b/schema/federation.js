import { ComplexityErrorKind, complexityFromQuery } from '@pothos/plugin-complexity';
import { introspectionTypes, isEnumType, isInputObjectType, isListType, isNonNullType, Kind, specifiedScalarTypes, typeFromAST, } from 'graphql';
import { username } from '../easemob/input.js';
import { badUserInput } from '../errors.js';
import { builder } from './builder.js';
import { User } from './user.js';
import { userOf, withStatuses } from './user-model.js';
/**
 * A gateway names a user by `username` alone. The reference becomes a fresh user model, never the
 * representation itself (a caller could put a `profile` in it), and costs nothing upstream: the
 * fields asked for load through this request's loaders, so 300 references asking for `status` are
 * 3 batch-status calls. A name Easemob could not hold resolves to null.
 */
builder.asEntity(User, {
    key: builder.selection('username'),
    resolveReference: (reference) => userReference(reference),
});
/** The user a `User` reference names, typed for `_Entity`; null for a name Easemob could not hold. */
function userReference(reference) {
    const name = username.safeParse(reference.username);
    return name.success ? Object.assign(userOf(name.data), { __typename: 'User' }) : null;
}
/** The subgraph schema as this server serves it. */
export function servedSubgraph(schema) {
    forgetMockedBuiltIns();
    serveEntities(schema);
    return schema;
}
/**
 * The directives plugin gives every type of the schema an AST node so `@key` gets printed, and
 * graphql's own scalars and introspection types are shared by every schema in the process: one
 * built later (codegen's, in the schema-file test) would print their descriptions.
 */
function forgetMockedBuiltIns() {
    for (const type of [...specifiedScalarTypes, ...introspectionTypes])
        type.astNode = undefined;
}
/**
 * `_entities` is added after Pothos built the schema, so the complexity plugin neither weighs nor
 * checks it: an operation asking only for entities would skip the depth and cost limits. It weighs
 * one per representation here, checks the operation as a Pothos root field would, and resolves
 * the references (usersOf).
 */
function serveEntities(schema) {
    const entities = schema.getQueryType()?.getFields()._entities;
    if (!entities)
        return;
    entities.extensions = {
        ...entities.extensions,
        complexity: (args) => ({
            field: 1,
            multiplier: args.representations.length,
        }),
    };
    const resolve = (_parent, args, ctx, info) => {
        // Before any reference is looked at: a refused operation costs nothing.
        const cost = complexityFromQuery({ kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] }, { schema: info.schema, ctx, variables: rawVariables(info) });
        const max = ctx.limits;
        const exceeded = cost.depth > max.depth
            ? ComplexityErrorKind.Depth
            : cost.complexity > max.complexity
                ? ComplexityErrorKind.Complexity
                : undefined;
        if (!exceeded)
            return withEntityStatuses(usersOf(args.representations), ctx, info);
        const error = builder.options.complexity?.complexityError?.(exceeded, { ...cost, maxDepth: max.depth, maxComplexity: max.complexity }, info);
        throw error instanceof Error ? error : new Error(error ?? `query ${exceeded} too high`);
    };
    entities.resolve = resolve;
}
/**
 * User is this subgraph's only entity, so its references resolve here, at once: @apollo/subgraph's
 * resolver (any entity type) spends a promise per reference, a tenth of a 500-reference query's
 * CPU. A reference to any other type is the gateway's mistake, refused before any call.
 */
function usersOf(representations) {
    return representations.map((representation, index) => {
        const reference = representation;
        if (reference?.__typename !== 'User') {
            throw badUserInput([
                {
                    path: ['representations', index, '__typename'],
                    message: `this subgraph has no entity type ${JSON.stringify(reference?.__typename ?? null)}`,
                },
            ]);
        }
        return userReference(reference);
    });
}
/**
 * 500 references asking for `status` get their statuses read up front, as the users of a list do
 * (see withStatuses): 5 batch calls either way, at a fraction of the CPU.
 */
async function withEntityStatuses(entities, ctx, info) {
    // Unresolvable references come back null.
    const users = entities.filter((entity) => entity !== null);
    await withStatuses(users, ctx, info);
    return entities;
}
/** The operation's variables as a client sent them (enums by name), for the cost calculation. */
function rawVariables(info) {
    const raw = {};
    for (const definition of info.operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        const type = typeFromAST(info.schema, definition.type);
        if (type && name in info.variableValues)
            raw[name] = toRaw(info.variableValues[name], type);
    }
    return raw;
}
function toRaw(value, type) {
    if (value === null || value === undefined)
        return value;
    if (isNonNullType(type))
        return toRaw(value, type.ofType);
    if (isListType(type)) {
        return Array.isArray(value) ? value.map((item) => toRaw(item, type.ofType)) : value;
    }
    if (isEnumType(type))
        return type.serialize(value);
    if (isInputObjectType(type)) {
        const fields = type.getFields();
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [
            key,
            fields[key] ? toRaw(item, fields[key].type) : item,
        ]));
    }
    return value;
}
//# sourceMappingURL=federation.js.map