import type { SeedData } from '../src/emulator/seed.js';

/** The budget phase's app: who the scenarios of bench/budget.ts ask about. */
export const cardUsers = 1000;
export const cardUser = (index: number) => `c${String(index).padStart(4, '0')}`;
/** Users only the steady caller of the flood asks about, one each request. */
export const steadyUsers = 400;
export const steadyUser = (index: number) => `s${String(index % steadyUsers).padStart(4, '0')}`;
/** Names the distinct scenario asks the status of, each once. */
export const distinctUser = (index: number) => `d${String(index).padStart(7, '0')}`;
/** The flood asks users nobody else asks (and Easemob has not: a profile read all the same). */
export const floodUser = (index: number) => `f${String(index).padStart(6, '0')}`;
/** Write-then-read sequences run side by side, each on its own users. */
export const freshLanes = 12;
export const writer = (lane: number) => `w${String(lane).padStart(2, '0')}`;
export const partner = (lane: number) => `p${String(lane).padStart(2, '0')}`;
/** Adds `mate` as a contact and removes it again: the other side of a contact write. */
export const friend = (lane: number) => `q${String(lane).padStart(2, '0')}`;
export const mate = (lane: number) => `m${String(lane).padStart(2, '0')}`;
/** Deactivated now and then, so it writes nothing else. */
export const toggled = (lane: number) => `x${String(lane).padStart(2, '0')}`;

export function budgetSeed(): SeedData {
  const cards = Array.from({ length: cardUsers }, (_, i) => cardUser(i));
  const lanes = Array.from({ length: freshLanes }, (_, i) => i);
  const names = [
    ...cards,
    ...Array.from({ length: steadyUsers }, (_, i) => steadyUser(i)),
    ...lanes.flatMap((lane) => [
      writer(lane),
      partner(lane),
      friend(lane),
      mate(lane),
      toggled(lane),
    ]),
  ];
  return {
    users: names.map((username) => ({ username, password: 'password', nickname: username })),
    online: cards.filter((_, i) => i % 3 === 0),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: response data, read field by field
type Data = Record<string, any>;

/**
 * One kind of write through the API, repeatable: `write(n)` is the n-th write of this kind on a
 * lane (from 1), `expected(n)` what the read must show after it (n = 0: before any).
 */
export interface FreshCase {
  name: string;
  read: (lane: number) => string;
  show: (data: Data) => unknown;
  write: (lane: number, n: number) => string;
  expected: (lane: number, n: number) => unknown;
}

const odd = (n: number) => n % 2 === 1;
const usernames = (list: Data[] | undefined) => (list ?? []).map((u) => u.username).sort();

/** The writes test/support/writes.ts proves one by one, in a form that can repeat 1,000 times. */
export const freshCases: FreshCase[] = [
  {
    name: 'updateUser nickname',
    read: (lane) => `{ user(username: "${writer(lane)}") { nickname } }`,
    show: (d) => d.user?.nickname,
    write: (lane, n) =>
      `mutation { updateUser(username: "${writer(lane)}", input: { nickname: "nick-${n}" }) { username } }`,
    expected: (lane, n) => (n === 0 ? writer(lane) : `nick-${n}`),
  },
  {
    name: 'addContact / removeContact',
    read: (lane) => `{ user(username: "${writer(lane)}") { contacts { username } } }`,
    show: (d) => usernames(d.user?.contacts),
    write: (lane, n) =>
      odd(n)
        ? `mutation { addContact(username: "${writer(lane)}", contact: "${partner(lane)}") { username } }`
        : `mutation { removeContact(username: "${writer(lane)}", contact: "${partner(lane)}") { username } }`,
    expected: (lane, n) => (odd(n) ? [partner(lane)] : []),
  },
  {
    name: 'addContact / removeContact (the contact’s list)',
    read: (lane) => `{ user(username: "${mate(lane)}") { contacts { username } } }`,
    show: (d) => usernames(d.user?.contacts),
    write: (lane, n) =>
      odd(n)
        ? `mutation { addContact(username: "${friend(lane)}", contact: "${mate(lane)}") { username } }`
        : `mutation { removeContact(username: "${friend(lane)}", contact: "${mate(lane)}") { username } }`,
    expected: (lane, n) => (odd(n) ? [friend(lane)] : []),
  },
  {
    name: 'blockUsers / unblockUser',
    read: (lane) => `{ user(username: "${writer(lane)}") { blocks { username } } }`,
    show: (d) => usernames(d.user?.blocks),
    write: (lane, n) =>
      odd(n)
        ? `mutation { blockUsers(username: "${writer(lane)}", usernames: ["${partner(lane)}"]) { username } }`
        : `mutation { unblockUser(username: "${writer(lane)}", blocked: "${partner(lane)}") { username } }`,
    expected: (lane, n) => (odd(n) ? [partner(lane)] : []),
  },
  {
    name: 'setPresence ext',
    read: (lane) => `{ user(username: "${writer(lane)}") { presence { ext } } }`,
    show: (d) => d.user?.presence?.ext ?? '',
    write: (lane, n) =>
      `mutation { setPresence(username: "${writer(lane)}", resource: "ios_1", status: "1", ext: "ext-${n}") }`,
    expected: (_lane, n) => (n === 0 ? '' : `ext-${n}`),
  },
  {
    name: 'sendMessage → offlineCount',
    read: (lane) => `{ user(username: "${writer(lane)}") { offlineCount } }`,
    show: (d) => d.user?.offlineCount,
    write: (lane) =>
      `mutation { sendMessage(input: { targetType: USERS, targets: ["${writer(lane)}"], message: { text: "hi" } }) { results { success } } }`,
    expected: (_lane, n) => n,
  },
  {
    name: 'deactivateUser / activateUser',
    read: (lane) => `{ user(username: "${toggled(lane)}") { activated } }`,
    show: (d) => d.user?.activated,
    write: (lane, n) =>
      odd(n)
        ? `mutation { deactivateUser(username: "${toggled(lane)}") { username } }`
        : `mutation { activateUser(username: "${toggled(lane)}") { username } }`,
    expected: (_lane, n) => !odd(n),
  },
];
