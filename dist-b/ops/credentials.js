import { EasemobError } from '../easemob/errors.js';
import { tokenFailure } from './health.js';
/**
 * Obtains the app token once, within `timeoutMs`, so wrong credentials show at start-up instead of
 * on the first query. Easemob REST: 用户体系集成, 获取管理员权限token: a wrong client_id or
 * client_secret is answered 400 (`invalid_grant`). An unknown org or app name is a 404
 * (`organization_application_not_found`, as the emulator answers; the page does not show it). One
 * request per start, cached after: the same page warns that asking for tokens too often gets the
 * account banned. The request goes on after the timeout, and a token it brings is kept.
 */
export async function checkCredentials(client, timeoutMs) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const token = client.tokens.app().then(() => undefined, (error) => error);
    try {
        const result = await Promise.race([token, timeout]);
        if (result === 'timeout') {
            return { outcome: 'unavailable', reason: `no app token within ${timeoutMs} ms` };
        }
        if (result === undefined)
            return { outcome: 'ok' };
        return refused(result)
            ? { outcome: 'refused', reason: tokenFailure(result) }
            : { outcome: 'unavailable', reason: tokenFailure(result) };
    }
    finally {
        clearTimeout(timer);
    }
}
/** An answer from Easemob rejecting the request itself, as opposed to no answer or a 5xx/429. */
function refused(error) {
    return error instanceof EasemobError && [400, 401, 403, 404].includes(error.status);
}
//# sourceMappingURL=credentials.js.map