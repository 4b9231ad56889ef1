/** The operations the benchmark measures, with the fewest Easemob calls each can be answered with. */
export interface Scenario {
  id: string;
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Upstream calls (token requests aside) no implementation can go below. */
  minimum: number;
  minimumText: string;
  /** Each request takes the next of these variables in turn (`variables` is the first). */
  variablesCycle?: Record<string, unknown>[];
  /** The baseline's route: the scenario whose operation this one reuses (its own id otherwise). */
  operation?: string;
  /**
   * Served by a second gateway with its cache on (default TTLs), warmed before it is timed. Its
   * calls are counted per request over the timed rounds and must not exceed `minimum`, the cold
   * request's: fewer is the point.
   */
  warmCache?: boolean;
}

export const hub = 'hub';
export const contactCount = 1000;
export const userCount = 1100;
export const usernameAt = (index: number) => `u${String(index).padStart(4, '0')}`;

const userStatus: Scenario = {
  id: 'user-status',
  title: '`user { status offlineCount }`',
  query:
    'query UserStatus($username: String!) { user(username: $username) { status offlineCount } }',
  variables: { username: usernameAt(1) },
  minimum: 2,
  minimumText: '1 + 1',
};

const contacts: Scenario = {
  id: 'contacts-1000',
  title: '`user { contacts { username status } }`, 1,000 contacts',
  query:
    'query Contacts($username: String!) { user(username: $username) { contacts { username status } } }',
  variables: { username: hub },
  minimum: 11,
  minimumText: '1 + 10',
};

/** Every seeded user in turn: 32 requests in flight never ask the same user, so none share a read. */
const everyUser = Array.from({ length: userCount }, (_, i) => ({ username: usernameAt(i) }));

export const scenarios: Scenario[] = [
  userStatus,
  contacts,
  {
    id: 'users-100',
    title: '`users(first: 100) { edges { node { username status } } }`',
    query: 'query Users { users(first: 100) { edges { node { username status } } } }',
    variables: {},
    minimum: 2,
    minimumText: '1 + 1',
  },
  {
    id: 'entities-500',
    title: '`_entities` × 500 representations `{ status }`',
    query:
      'query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { status } } }',
    variables: {
      representations: Array.from({ length: 500 }, (_, i) => ({
        __typename: 'User',
        username: usernameAt(i),
      })),
    },
    minimum: 5,
    minimumText: '5',
  },
  {
    ...userStatus,
    id: 'distinct',
    title: '`user { status offlineCount }`, a different user each request',
    variables: everyUser[0]!,
    variablesCycle: everyUser,
    operation: userStatus.id,
  },
  {
    ...userStatus,
    id: 'cache-warm',
    title: '`user { status offlineCount }`, cache on and warm',
    operation: userStatus.id,
    warmCache: true,
  },
  {
    ...contacts,
    id: 'cache-warm-contacts',
    title: '`user { contacts { username status } }`, 1,000 contacts, cache on and warm',
    operation: contacts.id,
    warmCache: true,
  },
];

/**
 * The memory run's operation: 100,000 of the lightest real query (one Easemob call), so the run
 * fits the benchmark's time budget on 2 cores; it goes through every layer the others do.
 */
export const memoryScenario: Scenario = {
  id: 'memory',
  title: '`user { offlineCount }`',
  query: 'query Offline($username: String!) { user(username: $username) { offlineCount } }',
  variables: { username: usernameAt(2) },
  minimum: 1,
  minimumText: '1',
};
