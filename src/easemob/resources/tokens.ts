import type { Core } from '../core.js';
import { parseInput, password, ttlSeconds, username } from '../input.js';
import { type EasemobUser, userToken } from '../responses.js';

export interface UserToken {
  accessToken: string;
  expiresInSeconds: number;
  user?: EasemobUser;
}

export function tokensResource(core: Core) {
  return {
    /** The cached app token (fetched or refreshed if needed); for callers that must hand it on. */
    app(): Promise<string> {
      return core.tokens.get();
    },

    /**
     * Easemob「用户体系集成 › 获取用户token」, 方式2: a user token issued by the app server, for
     * the SDK to log in with. Never cached here: each call is a login.
     */
    async user(input: {
      username: string;
      password: string;
      ttlSeconds?: number;
    }): Promise<UserToken> {
      const body: Record<string, string> = {
        grant_type: 'password',
        username: parseInput(username, input.username, 'username'),
        password: parseInput(password, input.password, 'password'),
      };
      if (input.ttlSeconds !== undefined)
        body.ttl = String(parseInput(ttlSeconds, input.ttlSeconds, 'ttlSeconds'));
      const answer = await core.call('token', { auth: false, body, schema: userToken });
      return {
        accessToken: answer.access_token,
        expiresInSeconds: answer.expires_in,
        user: answer.user,
      };
    },
  };
}
