import { createPubSub, type PubSub, type PubSubEventTarget } from 'graphql-yoga';
import type { EasemobClient } from '../easemob/client.js';
import type { Presence } from '../easemob/resources/presence.js';
import type { OnlineState } from '../easemob/resources/status.js';
import { requestScope } from '../request-scope.js';
import { type PollCoordinator, Poller } from './poller.js';

export interface StatusChange {
  username: string;
  status: OnlineState;
  previous: OnlineState;
  changedAt: Date;
}

export interface PresenceChange {
  presence: Presence;
  changedAt: Date;
}

export interface MessageSentEvent {
  id: string;
  from: string | undefined;
  targetType: 'users' | 'chatgroups' | 'chatrooms';
  target: string;
  success: boolean;
  message: Record<string, unknown>;
  ext: Record<string, unknown>;
  sentAt: Date;
}

export interface RealtimeOptions {
  /** How often watched users' status and presence are read. */
  pollIntervalMs: number;
  onError?: (error: unknown) => void;
  /** Where events travel: in memory by default; Redis so every instance's subscribers get them. */
  eventTarget?: PubSubEventTarget<Events>;
  /** With several instances: one of them polls for all (see src/fleet/poller-lease.ts). */
  coordinators?: { status: PollCoordinator; presence: PollCoordinator };
}

export type Events = {
  statusChanged: [StatusChange];
  presenceChanged: [PresenceChange];
  messageSent: [MessageSentEvent];
};

/**
 * Process-wide: the pub/sub subscriptions listen on, and the shared pollers feeding it.
 *
 * `messageSent` travels through the fleet's event target (Redis) so a message sent through any
 * instance reaches subscribers on all of them. Poller events do too when the pollers are
 * coordinated (one instance polls for the fleet); uncoordinated, each instance polls for its own
 * subscribers and keeps their events local, or every change would arrive once per instance.
 */
export class Realtime {
  readonly pubsub: PubSub<Events>;
  private readonly fleet: PubSub<Events>;
  private readonly polled: PubSub<Events>;
  readonly status: Poller<OnlineState>;
  readonly presence: Poller<Presence>;
  private sent = 0;

  constructor(easemob: EasemobClient, options: RealtimeOptions) {
    this.pubsub = createPubSub<Events>();
    this.fleet = options.eventTarget
      ? createPubSub<Events>({ eventTarget: options.eventTarget })
      : this.pubsub;
    this.polled = options.coordinators ? this.fleet : this.pubsub;
    this.status = new Poller<OnlineState>({
      intervalMs: options.pollIntervalMs,
      read: (usernames) => asProcess(() => easemob.status.getMany(usernames)),
      equals: (a, b) => a === b,
      coordinator: options.coordinators?.status,
      onChange: (username, status, previous) =>
        this.polled.publish('statusChanged', { username, status, previous, changedAt: new Date() }),
      onError: options.onError,
    });
    this.presence = new Poller<Presence>({
      intervalMs: options.pollIntervalMs,
      // Easemob answers the same whoever asks, so a round is read on behalf of its first user.
      read: async (usernames) => {
        const found = await asProcess(() => easemob.presence.getMany(usernames[0]!, usernames));
        return new Map(found.map((p) => [p.username, p]));
      },
      coordinator: options.coordinators?.presence,
      equals: (a, b) =>
        a.ext === b.ext && JSON.stringify(sorted(a.devices)) === JSON.stringify(sorted(b.devices)),
      onChange: (_username, presence) =>
        this.polled.publish('presenceChanged', { presence, changedAt: new Date() }),
      onError: options.onError,
    });
  }

  /** Announces a message sent through this layer, one event per target. */
  messageSent(event: Omit<MessageSentEvent, 'id' | 'sentAt'>): void {
    this.sent++;
    this.fleet.publish('messageSent', {
      ...event,
      id: `${Date.now()}-${this.sent}`,
      sentAt: new Date(),
    });
  }

  statusChanges() {
    return this.polled.subscribe('statusChanged');
  }

  presenceChanges() {
    return this.polled.subscribe('presenceChanged');
  }

  /** `messageSent` events from every instance. */
  messagesSent() {
    return this.fleet.subscribe('messageSent');
  }

  close(): void {
    this.status.stop();
    this.presence.stop();
  }
}

function sorted(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A poll serves every subscriber, not the one whose request happened to start the poller (its
 * timer inherits that request's scope): outside any request, it spends no caller's share and no
 * caller's disconnection or deadline stops it.
 */
function asProcess<T>(read: () => Promise<T>): Promise<T> {
  return requestScope.exit(read);
}
