import type { Core } from '../core.js';
import type { EndpointName } from '../endpoints.js';
import { invalidResponse } from '../errors.js';
import {
  cursor,
  deleteManyLimit,
  limits,
  newUser,
  newUsers,
  pageLimit,
  parseInput,
  password,
  username,
  userUpdate,
} from '../input.js';
import {
  actionEnvelope,
  disconnectEnvelope,
  type EasemobUser,
  entitiesEnvelope,
  registerEnvelope,
} from '../responses.js';

export interface NewUser {
  username: string;
  password: string;
  nickname?: string;
}

export interface UserPage {
  users: EasemobUser[];
  /** Pass back to get the next page; absent on the last page. */
  cursor?: string;
}

export interface UserUpdate {
  /** Push-notification nickname (Easemob「用户体系集成 › 设置推送昵称」: not a profile name). */
  nickname?: string;
  notificationDisplayStyle?: 'summary' | 'detail';
  noDisturbing?: { enabled: boolean; startHour?: number; endHour?: number };
}

export interface RegisterResult {
  created: EasemobUser[];
  /**
   * Easemob「用户体系集成 › 批量注册用户」: a batch succeeds as a whole; users that could not be
   * created are listed here.
   */
  failed: { username: string; reason: string }[];
}

export function usersResource(core: Core) {
  const only = (users: EasemobUser[], endpoint: EndpointName): EasemobUser => {
    const user = users[0];
    if (!user) throw invalidResponse(endpoint, 'the answer has no user entity');
    return user;
  };

  return {
    async create(input: NewUser): Promise<EasemobUser> {
      const user = parseInput(newUser, input, 'user');
      const answer = await core.call('users.create', { body: user, schema: entitiesEnvelope });
      return only(answer.entities, 'users.create');
    },

    async createMany(input: NewUser[]): Promise<RegisterResult> {
      const users = parseInput(newUsers, input, 'users');
      const answer = await core.call('users.create', { body: users, schema: registerEnvelope });
      return {
        created: answer.entities,
        failed: answer.data.map((f) => ({
          username: f.username.toLowerCase(),
          reason: f.registerUserFailReason,
        })),
      };
    },

    async get(name: string): Promise<EasemobUser> {
      const params = { username: parseInput(username, name, 'username') };
      const answer = await core.call('users.get', { params, schema: entitiesEnvelope });
      return only(answer.entities, 'users.get');
    },

    async list(options: { limit?: number; cursor?: string } = {}): Promise<UserPage> {
      const query = {
        limit: parseInput(pageLimit, options.limit ?? limits.listPage, 'limit'),
        cursor:
          options.cursor === undefined ? undefined : parseInput(cursor, options.cursor, 'cursor'),
      };
      const answer = await core.call('users.list', { query, schema: entitiesEnvelope });
      return { users: answer.entities, cursor: answer.cursor || undefined };
    },

    /** Every user, page by page, following Easemob's cursor. */
    async *iterate(options: { pageSize?: number } = {}): AsyncGenerator<EasemobUser> {
      let next: string | undefined;
      do {
        const page = await this.list({ limit: options.pageSize, cursor: next });
        yield* page.users;
        next = page.cursor;
      } while (next);
    },

    async delete(name: string): Promise<EasemobUser> {
      const params = { username: parseInput(username, name, 'username') };
      const answer = await core.call('users.delete', { params, schema: entitiesEnvelope });
      return only(answer.entities, 'users.delete');
    },

    /**
     * Easemob「用户体系集成 › 批量删除用户」: deletes the `limit` oldest users (Easemob picks them)
     * and says which, with a cursor while users remain. At most 500 per call (the page's advice).
     */
    async deleteMany(options: { limit: number }): Promise<UserPage> {
      const query = { limit: parseInput(deleteManyLimit, options.limit, 'limit') };
      const answer = await core.call('users.deleteMany', { query, schema: entitiesEnvelope });
      return { users: answer.entities, cursor: answer.cursor || undefined };
    },

    async resetPassword(name: string, newPassword: string): Promise<void> {
      const params = { username: parseInput(username, name, 'username') };
      const body = { newpassword: parseInput(password, newPassword, 'newPassword') };
      await core.call('users.password', { params, body, schema: actionEnvelope });
    },

    /** One PUT carrying every given setting (nickname, display style, no-disturbing window). */
    async update(name: string, changes: UserUpdate): Promise<EasemobUser> {
      const params = { username: parseInput(username, name, 'username') };
      const update = parseInput(userUpdate, changes, 'update');
      const body: Record<string, unknown> = {};
      if (update.nickname !== undefined) body.nickname = update.nickname;
      if (update.notificationDisplayStyle !== undefined) {
        body.notification_display_style = update.notificationDisplayStyle === 'summary' ? '0' : '1';
      }
      if (update.noDisturbing !== undefined) {
        body.notification_no_disturbing = update.noDisturbing.enabled;
        if (update.noDisturbing.enabled) {
          body.notification_no_disturbing_start = String(update.noDisturbing.startHour);
          body.notification_no_disturbing_end = String(update.noDisturbing.endHour);
        }
      }
      const answer = await core.call('users.update', { params, body, schema: entitiesEnvelope });
      return only(answer.entities, 'users.update');
    },

    setNickname(name: string, nickname: string) {
      return this.update(name, { nickname });
    },

    setNotificationDisplayStyle(name: string, style: 'summary' | 'detail') {
      return this.update(name, { notificationDisplayStyle: style });
    },

    setNoDisturbing(
      name: string,
      window: { enabled: boolean; startHour?: number; endHour?: number },
    ) {
      return this.update(name, { noDisturbing: window });
    },

    async deactivate(name: string): Promise<EasemobUser> {
      const params = { username: parseInput(username, name, 'username') };
      const answer = await core.call('users.deactivate', { params, schema: entitiesEnvelope });
      return only(answer.entities, 'users.deactivate');
    },

    async activate(name: string): Promise<void> {
      const params = { username: parseInput(username, name, 'username') };
      await core.call('users.activate', { params, schema: actionEnvelope });
    },

    /** Forces the user offline; true when Easemob says it did. */
    async disconnect(name: string): Promise<boolean> {
      const params = { username: parseInput(username, name, 'username') };
      const answer = await core.call('users.disconnect', { params, schema: disconnectEnvelope });
      return answer.data.result;
    },
  };
}
