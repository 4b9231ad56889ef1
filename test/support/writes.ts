import { expect } from 'vitest';
import type { GraphQLResponse } from './graphql.js';

// biome-ignore lint/suspicious/noExplicitAny: response data, asserted field by field
type Data = Record<string, any>;
type Run = (query: string) => Promise<GraphQLResponse<Data>>;

/** Users every write case starts from. */
export const writesSeed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw', nickname: 'Bob' },
    { username: 'carol', password: 'pw', nickname: 'Carol' },
  ],
  contacts: [['alice', 'bob']] as [string, string][],
  blocks: [['bob', 'carol']] as [string, string][],
  online: ['bob'],
};

/**
 * Each write this API offers, with a read that warms the cache first and must show the write
 * right after it. `read` returns what the assertion compares.
 */
export const writeCases: {
  name: string;
  /** A write through the API that the case starts from. */
  setup?: string;
  read: string;
  write: string;
  show: (data: Data) => unknown;
  before: unknown;
  after: unknown;
}[] = [
  {
    name: 'updateUser',
    read: '{ user(username: "alice") { nickname } }',
    write: 'mutation { updateUser(username: "alice", input: { nickname: "Alicia" }) { username } }',
    show: (d) => d.user.nickname,
    before: 'Alice',
    after: 'Alicia',
  },
  {
    name: 'addContact (the owner)',
    read: '{ user(username: "alice") { contacts { username } } }',
    write: 'mutation { addContact(username: "alice", contact: "carol") { username } }',
    show: (d) => d.user.contacts.map((c: Data) => c.username).sort(),
    before: ['bob'],
    after: ['bob', 'carol'],
  },
  {
    name: 'addContact (the contact)',
    read: '{ user(username: "carol") { contacts { username } } }',
    write: 'mutation { addContact(username: "alice", contact: "carol") { username } }',
    show: (d) => d.user.contacts.map((c: Data) => c.username),
    before: [],
    after: ['alice'],
  },
  {
    name: 'removeContact',
    read: '{ user(username: "bob") { contacts { username } } }',
    write: 'mutation { removeContact(username: "alice", contact: "bob") { username } }',
    show: (d) => d.user.contacts.map((c: Data) => c.username),
    before: ['alice'],
    after: [],
  },
  {
    name: 'blockUsers',
    read: '{ user(username: "alice") { blocks { username } } }',
    write: 'mutation { blockUsers(username: "alice", usernames: ["carol"]) { username } }',
    show: (d) => d.user.blocks.map((c: Data) => c.username),
    before: [],
    after: ['carol'],
  },
  {
    name: 'unblockUser',
    read: '{ user(username: "bob") { blocks { username } } }',
    write: 'mutation { unblockUser(username: "bob", blocked: "carol") { username } }',
    show: (d) => d.user.blocks.map((c: Data) => c.username),
    before: ['carol'],
    after: [],
  },
  {
    name: 'activateUser',
    setup: 'mutation { deactivateUser(username: "carol") { username } }',
    read: '{ user(username: "carol") { activated } }',
    write: 'mutation { activateUser(username: "carol") { username } }',
    show: (d) => d.user.activated,
    before: false,
    after: true,
  },
  {
    name: 'deactivateUser',
    read: '{ user(username: "carol") { activated } }',
    write: 'mutation { deactivateUser(username: "carol") { username } }',
    show: (d) => d.user.activated,
    before: true,
    after: false,
  },
  {
    name: 'deleteUser',
    read: '{ user(username: "carol") { nickname } }',
    write: 'mutation { deleteUser(username: "carol") { username } }',
    show: (d) => d.user,
    before: { nickname: 'Carol' },
    after: null,
  },
  {
    name: 'createUser',
    read: '{ user(username: "zed") { nickname } }',
    write:
      'mutation { createUser(input: { username: "zed", password: "pw-123456", nickname: "Zed" }) { username } }',
    show: (d) => d.user,
    before: null,
    after: { nickname: 'Zed' },
  },
  {
    name: 'setPresence',
    read: '{ user(username: "alice") { presence { ext } } }',
    write:
      'mutation { setPresence(username: "alice", resource: "ios_1", status: "1", ext: "busy") }',
    show: (d) => d.user.presence?.ext ?? null,
    before: '',
    after: 'busy',
  },
  {
    name: 'sendMessage',
    read: '{ user(username: "alice") { offlineCount } }',
    write:
      'mutation { sendMessage(input: { targetType: USERS, targets: ["alice"], message: { text: "hi" } }) { results { success } } }',
    show: (d) => d.user.offlineCount,
    before: 0,
    after: 1,
  },
  {
    name: 'disconnectUser',
    read: '{ user(username: "bob") { status } }',
    write: 'mutation { disconnectUser(username: "bob") }',
    show: (d) => d.user.status,
    before: 'ONLINE',
    after: 'OFFLINE',
  },
];

/** Warms `reader`'s cache with the read, writes through `writer`, reads through `reader` again. */
export async function expectReadYourWrite(
  testCase: (typeof writeCases)[number],
  writer: Run,
  reader: Run,
) {
  if (testCase.setup) expect((await writer(testCase.setup)).errors).toBeUndefined();
  const before = await reader(testCase.read);
  expect(before.errors).toBeUndefined();
  expect(testCase.show(before.data!)).toEqual(testCase.before);
  const written = await writer(testCase.write);
  expect(written.errors).toBeUndefined();
  const after = await reader(testCase.read);
  expect(after.errors).toBeUndefined();
  expect(testCase.show(after.data!)).toEqual(testCase.after);
}
