import { z } from 'zod';
import { EasemobInputError } from './errors.js';
import { messageBody } from './message-kinds.js';
/**
 * The documented input rules (docs/easemob-api.md cites the page of each), written once. The client
 * checks every argument against these before it touches the network; the GraphQL layer reuses them.
 */
export const limits = {
    usernameLength: 64,
    passwordLength: 64,
    nicknameLength: 100,
    batchRegister: 60,
    listPage: 100,
    /**
     * Easemob「用户体系集成 › 批量删除用户」: "建议这个数值在100-500之间，不要过大" — 500 at most per
     * call.
     */
    deleteMany: 500,
    blocksPerUser: 500,
    batchStatus: 100,
    presenceBatch: 100,
    presenceExtBytes: 1024,
    presenceExpirySeconds: 2_592_000,
    sublistPageSize: 500,
    messageTargets: 100,
    chatHistoryPage: 1000,
};
/**
 * A value that becomes a path segment (`/users/{username}/presence/{resource}/{status}`) must not
 * be a dot segment: encodeURIComponent leaves `.` alone, and anything between us and Easemob that
 * normalises paths (nginx, Tomcat, a WHATWG-URL proxy) turns `/users/alice/presence/../activate`
 * into `/users/alice/activate`. The character rules below already refuse `%`, `/`, `\`, `;`, `?`,
 * `#` and controls, so no other spelling of a dot segment or a separator can get through.
 */
const notDotSegment = (value) => value !== '.' && value !== '..';
const dotSegmentMessage = 'must not be "." or ".." (a path segment)';
/** Easemob treats usernames case-insensitively: lower-case first, then apply the rule. */
export const username = z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{1,64}$/, 'must be 1-64 characters of a-z, 0-9, "_", "-" or "."')
    .refine(notDotSegment, dotSegmentMessage);
export const password = z
    .string()
    .min(1, 'must not be empty')
    .max(limits.passwordLength, `must be at most ${limits.passwordLength} characters`);
export const nickname = z
    .string()
    .max(limits.nicknameLength, `must be at most ${limits.nicknameLength} characters`);
export const usernameList = (max) => z
    .array(username)
    .min(1, 'must name at least one user')
    .max(max, `must name at most ${max} users`);
/** Any number of names: the client splits them into calls of the documented size. */
export const usernameBatch = z.array(username);
export const newUser = z.object({
    username,
    password,
    nickname: nickname.optional(),
});
export const newUsers = z
    .array(newUser)
    .min(1, 'must contain at least one user')
    .max(limits.batchRegister, `must contain at most ${limits.batchRegister} users`);
export const pageLimit = z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(limits.listPage, `must be at most ${limits.listPage}`);
export const cursor = z.string().min(1).max(4096);
export const deleteManyLimit = z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(limits.deleteMany, `must be at most ${limits.deleteMany}`);
/**
 * One half of an AppKey (`org_name#app_name`). Easemob「用户体系集成 › Appkey 数据结构」: the key is
 * lower-case letters and digits, app_name "只能是字母、数字、横线组合。长度不能超过 32 字符", and
 * its own example org is `easemob-demo`: so a-z, 0-9 and "-", at most 32 characters.
 */
export const appKeyName = z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 characters of a-z, 0-9 or "-" (Easemob AppKey rules)');
export const ttlSeconds = z.number().int().min(0, 'must not be negative');
export const displayStyle = z.enum(['summary', 'detail']);
const hour = z.number().int().min(0).max(23);
export const userUpdate = z
    .object({
    nickname: nickname.optional(),
    notificationDisplayStyle: displayStyle.optional(),
    noDisturbing: z
        .object({ enabled: z.boolean(), startHour: hour.optional(), endHour: hour.optional() })
        .refine((v) => !v.enabled || (v.startHour !== undefined && v.endHour !== undefined), {
        message: 'startHour and endHour are required when enabled',
    })
        .optional(),
})
    .refine((v) => Object.values(v).some((field) => field !== undefined), {
    message: 'must change at least one field',
});
export const messageId = z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'must be a message id')
    .refine(notDotSegment, dotSegmentMessage);
export const presenceResource = z
    .string()
    .min(1, 'must not be empty')
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'must be a device type and id, e.g. android_123423453246')
    .refine(notDotSegment, dotSegmentMessage);
export const presenceStatus = z
    .string()
    .min(1, 'must not be empty')
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'must be "0", "1" or a custom status without spaces')
    .refine(notDotSegment, dotSegmentMessage);
export const presenceExt = z
    .string()
    .refine((s) => Buffer.byteLength(s, 'utf8') <= limits.presenceExtBytes, {
    message: `must be at most ${limits.presenceExtBytes} bytes`,
});
export const presenceExpiry = z
    .number()
    .int()
    .min(1, 'must be at least 1 second')
    .max(limits.presenceExpirySeconds, `must be at most ${limits.presenceExpirySeconds} seconds (30 days)`);
export const sublistPage = z.object({
    pageNum: z.number().int().min(1, 'must be at least 1'),
    pageSize: z
        .number()
        .int()
        .min(1, 'must be at least 1')
        .max(limits.sublistPageSize, `must be at most ${limits.sublistPageSize}`),
});
const jsonObject = z.record(z.string(), z.unknown());
export const targetType = z.enum(['users', 'chatgroups', 'chatrooms']);
const groupId = z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be a group or room id');
export const outgoingMessage = z
    .object({
    targetType,
    targets: z
        .array(z.string())
        .min(1, 'must name at least one target')
        .max(limits.messageTargets, `must name at most ${limits.messageTargets} targets`),
    message: messageBody,
    // /hx wrapper「IM环信接口文档 › 发送文本消息」: no `from` sends as "admin"; an empty one fails.
    from: username.optional(),
    ext: jsonObject.optional(),
})
    .superRefine((value, ctx) => {
    const rule = value.targetType === 'users' ? username : groupId;
    value.targets.forEach((target, index) => {
        const result = rule.safeParse(target);
        if (!result.success) {
            ctx.addIssue({
                code: 'custom',
                path: ['targets', index],
                message: result.error.issues[0].message,
            });
        }
    });
})
    .transform((value) => ({
    ...value,
    targets: value.targets.map((t) => value.targetType === 'users' ? t.trim().toLowerCase() : t.trim()),
}));
export const chatHistoryQuery = z.object({
    ql: z.string().max(2048).optional(),
    limit: z.number().int().min(1).max(limits.chatHistoryPage).optional(),
    cursor: cursor.optional(),
});
/**
 * Parses `value` with `schema`, or throws an {@link EasemobInputError} naming the first bad field
 * (prefixed with `field`, the argument's name).
 */
export function parseInput(schema, value, field) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    const path = [field, ...issue.path.map(String)].filter(Boolean).join('.');
    throw new EasemobInputError(path, issue.message);
}
//# sourceMappingURL=input.js.map