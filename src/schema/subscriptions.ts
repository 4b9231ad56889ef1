import { Repeater } from 'graphql-yoga';
import { username, usernameList } from '../easemob/input.js';
import type { Poller } from '../realtime/poller.js';
import type { MessageSentEvent, PresenceChange, StatusChange } from '../realtime/realtime.js';
import { actingAs } from './access.js';
import { builder } from './builder.js';
import { MessageTargetType } from './message.js';
import { Presence } from './presence.js';
import { OnlineStatus, User } from './user.js';
import { userOf } from './user-model.js';

const maxWatched = 500;

const StatusChangeRef = builder.objectRef<StatusChange>('StatusChange').implement({
  fields: (t) => ({
    user: t.field({ type: User, resolve: (e) => userOf(e.username) }),
    status: t.field({ type: OnlineStatus, resolve: (e) => e.status }),
    previous: t.field({ type: OnlineStatus, resolve: (e) => e.previous }),
    changedAt: t.field({ type: 'DateTime', resolve: (e) => e.changedAt }),
  }),
});

const PresenceChangeRef = builder.objectRef<PresenceChange>('PresenceChange').implement({
  fields: (t) => ({
    presence: t.field({ type: Presence, resolve: (e) => e.presence }),
    changedAt: t.field({ type: 'DateTime', resolve: (e) => e.changedAt }),
  }),
});

const MessageSentRef = builder.objectRef<MessageSentEvent>('MessageSent').implement({
  description: 'A message sent through this API (one event per target).',
  fields: (t) => ({
    id: t.exposeID('id'),
    from: t.field({
      type: User,
      nullable: true,
      description: 'Null when sent as Easemob\'s "admin".',
      resolve: (e) => (e.from ? userOf(e.from) : null),
    }),
    targetType: t.field({ type: MessageTargetType, resolve: (e) => e.targetType }),
    target: t.exposeString('target'),
    success: t.exposeBoolean('success'),
    message: t.field({
      type: 'JSON',
      description: "Easemob's message body.",
      resolve: (e) => e.message,
    }),
    ext: t.field({ type: 'JSON', resolve: (e) => e.ext }),
    sentAt: t.field({ type: 'DateTime', resolve: (e) => e.sentAt }),
  }),
});

/**
 * Events from `source` that `keep` accepts, while `keys` are watched by `poller`. Ending the
 * subscription releases the watch at once, so the poller stops with its last subscriber.
 */
function watching<T>(
  poller: Pick<Poller<unknown>, 'watch'> | undefined,
  keys: string[],
  source: AsyncIterableIterator<T>,
  keep: (event: T) => boolean,
): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const release = poller?.watch(keys);
    void stop.then(() => source.return?.());
    try {
      for await (const event of source) if (keep(event)) await push(event);
    } finally {
      release?.();
    }
  });
}

builder.subscriptionFields((t) => ({
  statusChanged: t.field({
    type: StatusChangeRef,
    description: "Each change of these users' online status (polled; see README).",
    args: { usernames: t.arg.stringList({ required: true }).validate(usernameList(maxWatched)) },
    authScopes: (_root, args) => ({
      admin: true,
      publicProfiles: true,
      self: args.usernames.length === 1 ? args.usernames[0]! : '',
    }),
    subscribe: (_root, args, ctx) => {
      const watched = new Set(args.usernames);
      return watching(ctx.realtime.status, args.usernames, ctx.realtime.statusChanges(), (e) =>
        watched.has(e.username),
      );
    },
    resolve: (event) => event,
  }),
  presenceChanged: t.field({
    type: PresenceChangeRef,
    description: "Each change of these users' presence, watched on behalf of `username`.",
    args: {
      username: t.arg.string({ required: true }).validate(username),
      targets: t.arg.stringList({ required: true }).validate(usernameList(maxWatched)),
    },
    authScopes: actingAs,
    subscribe: (_root, args, ctx) => {
      const watched = new Set(args.targets);
      return watching(ctx.realtime.presence, args.targets, ctx.realtime.presenceChanges(), (e) =>
        watched.has(e.presence.username),
      );
    },
    resolve: (event) => event,
  }),
  messageSent: t.field({
    type: MessageSentRef,
    description: 'Messages sent through this API by or to `username`.',
    args: { username: t.arg.string({ required: true }).validate(username) },
    authScopes: actingAs,
    subscribe: (_root, args, ctx) =>
      watching(
        undefined,
        [],
        ctx.realtime.messagesSent(),
        (e) => e.from === args.username || (e.targetType === 'users' && e.target === args.username),
      ),
    resolve: (event) => event,
  }),
}));
