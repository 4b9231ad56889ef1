import {
  GraphQLError,
  type GraphQLField,
  type GraphQLResolveInfo,
  getArgumentValues,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { isReservedExtKey } from '../auth/viewer-policy.js';
import type { Context } from '../context.js';
import { isNotFound } from '../easemob/errors.js';
import { errorCodes } from '../errors.js';

/** What `sendMessage` sends once its input is validated (src/easemob/input.ts, outgoingMessage). */
export interface Send {
  targetType: 'users' | 'chatgroups' | 'chatrooms';
  targets: string[];
  from?: string;
  message: Record<string, unknown>;
  ext?: Record<string, unknown>;
}

/**
 * The viewers' send policy (README, Authentication and authorization), checked before any call:
 * allowed target types, no command messages, no reserved ext keys, the targets of the whole
 * operation bounded, the caller's deliveries per minute bounded, and no target who blocked the
 * sender. Admins are not checked.
 */
export async function enforceSendPolicy(
  ctx: Context,
  send: Send,
  sender: string,
  info: GraphQLResolveInfo,
): Promise<void> {
  if (ctx.viewer.kind === 'admin') return;
  const policy = ctx.viewerPolicy;
  if (!policy.sendTargetTypes.includes(send.targetType)) {
    throw refused(
      `viewers may send to ${policy.sendTargetTypes.join(', ')} only, not ${send.targetType}`,
      'targetType',
    );
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
    throw refused(
      `this operation sends to ${total} targets (every sendMessage counted); viewers may send to at most ${policy.sendMaxTargets} per operation`,
      'maxTargets',
    );
  }
  if (send.targets.length > policy.sendsPerMinute) {
    throw refused(
      `${send.targets.length} targets are more than the ${policy.sendsPerMinute} a viewer may send to per minute`,
      'perMinute',
    );
  }
  // Taken before the blocks reads, so the bound also bounds what a refused sender can read.
  const quota = ctx.sendQuota.take(sender, send.targets.length);
  if (!quota.admitted) {
    throw new GraphQLError(
      `viewers may send ${policy.sendsPerMinute} messages (one per target) per minute; try again in ${Math.ceil(quota.retryAfterMs / 1000)} s`,
      {
        extensions: {
          code: errorCodes.rateLimited,
          policy: 'perMinute',
          retryAfterMs: quota.retryAfterMs,
        },
      },
    );
  }
  if (send.targetType === 'users') await refuseBlocked(ctx, sender, send.targets);
}

/** One blocks read per target, through the shared read layer (so up to CACHE_BLOCKS_TTL_MS old). */
async function refuseBlocked(ctx: Context, sender: string, targets: string[]): Promise<void> {
  const me = sender.toLowerCase();
  const lists = await Promise.all(
    targets.map((target) =>
      // An unknown target has no list: Easemob answers for it when the message is sent.
      ctx.loaders.blocks.load(target).catch((error: unknown) => {
        if (isNotFound(error)) return [] as string[];
        throw error;
      }),
    ),
  );
  const refusing = targets.find((_target, i) => lists[i]!.some((b) => b.toLowerCase() === me));
  // Like an IM client, it says the message was rejected; it names the target, who the sender
  // named, and nothing else of that user's list.
  if (refusing) {
    throw refused(`message rejected: ${refusing} does not accept messages from you`, 'blocked');
  }
}

/** Whether `caller` is blocked by `owner` (contacts' self-service rule); an unknown owner is not. */
export async function blockedBy(ctx: Context, owner: string, caller: string): Promise<boolean> {
  const list = await ctx.loaders.blocks.load(owner).catch((error: unknown) => {
    if (isNotFound(error)) return [] as string[];
    throw error;
  });
  return list.some((name) => name.toLowerCase() === caller.toLowerCase());
}

export function refused(message: string, policy: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: errorCodes.forbidden, policy } });
}

/**
 * The targets of every `sendMessage` at the root of the operation, aliases and fragments
 * included, with variables resolved: aliases would otherwise multiply a per-field bound.
 */
export function operationSendTargets(info: GraphQLResolveInfo): number {
  const field = info.parentType.getFields()[info.fieldName] as GraphQLField<unknown, unknown>;
  let total = 0;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== info.fieldName) continue;
        try {
          const args = getArgumentValues(field, selection, info.variableValues);
          const targets = (args.input as { targets?: unknown } | undefined)?.targets;
          total += Array.isArray(targets) ? targets.length : 0;
        } catch {
          // Arguments that do not coerce fail their own field before it sends anything.
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  walk(info.operation.selectionSet);
  return total;
}
