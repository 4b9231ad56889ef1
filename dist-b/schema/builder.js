import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { isAdmin, seesPublicProfiles, viewerName } from '../context.js';
import { username as usernameRule } from '../easemob/input.js';
import { badUserInput, errorCodes } from '../errors.js';
export const builder = new SchemaBuilder({
    // Scope-auth wraps every resolver first, so rules hold for entities resolved through `_entities`
    // too; federation comes after the plugins that wrap resolvers (its README), with the directives
    // plugin that prints `@key` into the subgraph SDL.
    plugins: [
        ScopeAuthPlugin,
        DirectivesPlugin,
        FederationPlugin,
        ComplexityPlugin,
        RelayPlugin,
        ValidationPlugin,
    ],
    defaultFieldNullability: false,
    relay: { clientMutationId: 'omit', cursorType: 'String' },
    validation: { validationError: (failure) => badUserInput(failure.issues) },
    scopeAuth: {
        // Subscriptions are authorized when they start, before any poller is engaged.
        authorizeOnSubscribe: true,
        authScopes: (ctx) => ({
            admin: isAdmin(ctx),
            authenticated: ctx.viewer.kind !== 'anonymous',
            self: (name) => {
                const own = viewerName(ctx.viewer);
                const asked = usernameRule.safeParse(name);
                return own !== undefined && asked.success && asked.data === own;
            },
            publicProfiles: seesPublicProfiles(ctx),
        }),
        // Denials happen before the resolver, so before any upstream call.
        unauthorizedError: (_parent, ctx, info) => ctx.viewer.kind === 'anonymous'
            ? new GraphQLError(`${info.parentType.name}.${info.fieldName} needs authentication`, {
                extensions: { code: errorCodes.unauthenticated },
            })
            : new GraphQLError(`not allowed to access ${info.parentType.name}.${info.fieldName}`, {
                extensions: { code: errorCodes.forbidden },
            }),
    },
    complexity: {
        defaultComplexity: 1,
        // Lists whose size is known from their arguments or bounded by Easemob say so on the field;
        // contact and block lists, whose size is not, weigh 100.
        defaultListMultiplier: 1,
        limit: (ctx) => ctx.limits,
        complexityError: (kind, result) => {
            const measure = kind.toLowerCase();
            const max = result[`max${kind}`];
            return new GraphQLError(`query ${measure} ${result[measure]} exceeds the limit of ${max}; ask for fewer or smaller lists`, {
                extensions: { code: errorCodes.queryTooComplex, [measure]: result[measure], limit: max },
            });
        },
    },
});
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONObjectResolver);
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
//# sourceMappingURL=builder.js.map