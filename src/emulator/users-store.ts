import { uuidV1 } from './ids.js';

export interface UserSettings {
  nickname?: string;
  notification_display_style?: number;
  notification_no_disturbing?: boolean;
  notification_no_disturbing_start?: number;
  notification_no_disturbing_end?: number;
}

/**
 * What the client SDK records for offline pushes: read-only over REST, shown on the user entity
 * once set (Easemob「用户体系集成 › 获取单个用户」: notifier_name, device_token,
 * notification_ignore_<group id>).
 */
export interface PushBinding {
  notifier_name?: string;
  device_token?: string;
  /** Group id → whether its offline pushes are silenced. */
  ignoredGroups?: Record<string, boolean>;
}

export interface UserRecord extends UserSettings, PushBinding {
  /** Creation order: the users list and its cursor walk this, never the clock. */
  seq: number;
  uuid: string;
  username: string;
  password: string;
  created: number;
  modified: number;
  activated: boolean;
}

/**
 * A user as the REST API shows it; optional fields appear only once set (Easemob「用户体系集成」).
 */
export interface UserEntity extends UserSettings {
  notifier_name?: string;
  device_token?: string;
  [ignoredGroup: `notification_ignore_${string}`]: boolean;
  uuid: string;
  type: 'user';
  created: number;
  modified: number;
  username: string;
  activated: boolean;
}

// Older Easemob docs: letters, digits, "_", "-", "."; Easemob「用户体系集成 › 环信 ID 数据结构」:
// at most 64 bytes.
const usernamePattern = /^[a-zA-Z0-9_.-]{1,64}$/;

export function isLegalUsername(name: string): boolean {
  return usernamePattern.test(name);
}

/**
 * Easemob usernames are case-insensitive and stored lower-case
 * (Easemob「用户体系集成 › 获取用户token」: "C" comes back "c").
 */
export function normalizeUsername(name: string): string {
  return name.toLowerCase();
}

export function toEntity(user: UserRecord): UserEntity {
  const entity: UserEntity = {
    uuid: user.uuid,
    type: 'user',
    created: user.created,
    modified: user.modified,
    username: user.username,
    activated: user.activated,
  };
  const optional = [
    'notification_no_disturbing',
    'notification_no_disturbing_start',
    'notification_no_disturbing_end',
    'notification_display_style',
    'nickname',
    'notifier_name',
    'device_token',
  ] as const;
  for (const key of optional) {
    if (user[key] !== undefined) Object.assign(entity, { [key]: user[key] });
  }
  for (const [group, ignored] of Object.entries(user.ignoredGroups ?? {})) {
    entity[`notification_ignore_${group}`] = ignored;
  }
  return entity;
}

/** Users in creation order, plus the contact and block relations between them. */
export class UserStore {
  private readonly byName = new Map<string, UserRecord>();
  private readonly ordered: UserRecord[] = [];
  private readonly contacts = new Map<string, Set<string>>();
  private readonly blocks = new Map<string, Set<string>>();
  private readonly blockedBy = new Map<string, Set<string>>();
  private nextSeq = 1;

  constructor(private readonly now: () => number = () => Date.now()) {}

  get size(): number {
    return this.ordered.length;
  }

  get(name: string): UserRecord | undefined {
    return this.byName.get(normalizeUsername(name));
  }

  /** The caller has checked legality and uniqueness. */
  create(input: { username: string; password: string; nickname?: string }): UserRecord {
    const created = this.now();
    const user: UserRecord = {
      seq: this.nextSeq++,
      uuid: uuidV1(created),
      username: normalizeUsername(input.username),
      password: input.password,
      created,
      modified: created,
      activated: true,
    };
    if (input.nickname !== undefined) user.nickname = input.nickname;
    this.byName.set(user.username, user);
    this.ordered.push(user);
    return user;
  }

  remove(name: string): UserRecord | undefined {
    const user = this.get(name);
    if (!user) return undefined;
    this.byName.delete(user.username);
    this.ordered.splice(this.indexAfter(user.seq - 1), 1);
    for (const friend of this.contacts.get(user.username) ?? []) {
      this.contacts.get(friend)?.delete(user.username);
    }
    this.contacts.delete(user.username);
    for (const target of this.blocks.get(user.username) ?? []) {
      this.blockedBy.get(target)?.delete(user.username);
    }
    for (const owner of this.blockedBy.get(user.username) ?? []) {
      this.blocks.get(owner)?.delete(user.username);
    }
    this.blocks.delete(user.username);
    this.blockedBy.delete(user.username);
    return user;
  }

  /** Up to `limit` users created after the one numbered `afterSeq` (0: from the start). */
  page(afterSeq: number, limit: number): { users: UserRecord[]; more: boolean } {
    const start = this.indexAfter(afterSeq);
    const users = this.ordered.slice(start, start + limit);
    return { users, more: start + limit < this.ordered.length };
  }

  touch(user: UserRecord): void {
    user.modified = Math.max(this.now(), user.modified + 1);
  }

  contactsOf(name: string): string[] {
    return [...(this.contacts.get(normalizeUsername(name)) ?? [])];
  }

  /** Contacts are mutual: each becomes the other's contact. */
  addContact(a: string, b: string): void {
    this.relate(this.contacts, normalizeUsername(a), normalizeUsername(b));
    this.relate(this.contacts, normalizeUsername(b), normalizeUsername(a));
  }

  removeContact(a: string, b: string): void {
    this.contacts.get(normalizeUsername(a))?.delete(normalizeUsername(b));
    this.contacts.get(normalizeUsername(b))?.delete(normalizeUsername(a));
  }

  blocksOf(owner: string): string[] {
    return [...(this.blocks.get(normalizeUsername(owner)) ?? [])];
  }

  hasBlocked(owner: string, target: string): boolean {
    return this.blocks.get(normalizeUsername(owner))?.has(normalizeUsername(target)) ?? false;
  }

  addBlock(owner: string, target: string): void {
    this.relate(this.blocks, normalizeUsername(owner), normalizeUsername(target));
    this.relate(this.blockedBy, normalizeUsername(target), normalizeUsername(owner));
  }

  removeBlock(owner: string, target: string): void {
    this.blocks.get(normalizeUsername(owner))?.delete(normalizeUsername(target));
    this.blockedBy.get(normalizeUsername(target))?.delete(normalizeUsername(owner));
  }

  private relate(map: Map<string, Set<string>>, from: string, to: string): void {
    let set = map.get(from);
    if (!set) {
      set = new Set();
      map.set(from, set);
    }
    set.add(to);
  }

  /** Index of the first user whose seq is greater than `seq` (binary search: seqs ascend). */
  private indexAfter(seq: number): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.ordered[mid]?.seq ?? 0) <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
