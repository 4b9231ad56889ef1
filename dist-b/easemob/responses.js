import { z } from 'zod';
/**
 * Easemob's answers as its documentation shows them. Tolerant by design: unknown fields are
 * ignored, numbers may arrive as strings (Easemob「在线状态订阅 RESTful API」 sends every number as
 * one), and every documented variant of a shape is accepted and normalised to one domain type.
 */
export const num = z.union([
    z.number(),
    z
        .string()
        .trim()
        .regex(/^-?\d+(\.\d+)?$/, 'expected a number')
        .transform(Number),
]);
export const bool = z.union([
    z.boolean(),
    z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1'),
    z.union([z.literal(0), z.literal(1)]).transform((n) => n === 1),
]);
const text = z.union([z.string(), z.number().transform(String)]);
/**
 * An object of any keys whose values all match `value`: `z.record(z.string(), value)` in meaning.
 * Zod compiles object schemas and not records; on a 100-entry batch-status answer this form
 * parses in a fifth of the time.
 */
const dictionary = (value) => z.object({}).catchall(value);
/**
 * 0/“0” notify only, 1/“1” with details; the table in Easemob「用户体系集成 › 批量获取用户」 says
 * true/false instead.
 */
const displayStyle = z
    .union([num, bool])
    .transform((v) => (v === 0 || v === true ? 'summary' : 'detail'));
/** Easemob「用户体系集成 › 获取单个用户」: `notification_ignore_<group id>`, one key per group. */
const ignorePrefix = 'notification_ignore_';
export const userEntity = z
    .looseObject({
    uuid: z.string(),
    username: z.string(),
    created: num.optional(),
    modified: num.optional(),
    activated: bool.optional(),
    nickname: z.string().optional(),
    notification_display_style: displayStyle.optional(),
    notification_no_disturbing: bool.optional(),
    notification_no_disturbing_start: num.optional(),
    notification_no_disturbing_end: num.optional(),
    // Read-only push settings the client SDK writes; each is absent until set
    // (Easemob「用户体系集成 › 获取单个用户」).
    notifier_name: text.optional(),
    device_token: text.optional(),
})
    .transform((u) => ({
    uuid: u.uuid,
    username: u.username.toLowerCase(),
    nickname: u.nickname,
    // Easemob「用户体系集成 › 账号禁用与解禁」: a user is active unless explicitly deactivated.
    activated: u.activated ?? true,
    createdAt: u.created,
    modifiedAt: u.modified,
    notificationDisplayStyle: u.notification_display_style,
    noDisturbing: u.notification_no_disturbing === undefined
        ? undefined
        : {
            enabled: u.notification_no_disturbing,
            startHour: u.notification_no_disturbing_start,
            endHour: u.notification_no_disturbing_end,
        },
    notifierName: u.notifier_name,
    deviceToken: u.device_token,
    ignoredGroups: ignoredGroupsOf(u),
}));
/**
 * The groups whose offline pushes the user silenced ("true"); undefined when the entity names
 * none at all, as Easemob leaves the keys out until set. A value that is not a boolean is skipped.
 */
function ignoredGroupsOf(entity) {
    let groups;
    for (const [key, value] of Object.entries(entity)) {
        if (!key.startsWith(ignorePrefix) || key.length === ignorePrefix.length)
            continue;
        groups ??= [];
        const silenced = bool.safeParse(value);
        if (silenced.success && silenced.data)
            groups.push(key.slice(ignorePrefix.length));
    }
    return groups;
}
export const errorBody = z.object({
    error: z.string(),
    error_description: z.string().optional(),
    exception: z.string().optional(),
});
export const appToken = z.object({
    access_token: z.string().min(1),
    expires_in: num,
    application: z.string().optional(),
});
export const userToken = z.object({
    access_token: z.string().min(1),
    expires_in: num,
    user: userEntity.optional(),
});
export const entitiesEnvelope = z.object({
    entities: z.array(userEntity).default([]),
    cursor: z.string().optional(),
    count: num.optional(),
});
export const registerEnvelope = entitiesEnvelope.extend({
    // Easemob「用户体系集成 › 批量注册用户」: the users that failed come back here; `[]` when none
    // did.
    data: z
        .array(z.object({ username: z.string(), registerUserFailReason: z.string().default('') }))
        .default([]),
});
export const namesEnvelope = z.object({ data: z.array(z.string()).default([]) });
export const actionEnvelope = z.object({ action: z.string().optional() });
// Canonical spellings are checked first: a union stops at the first match, and a failed try costs
// an error object per value (a batch status answer has 100 of them).
const onlineState = z.union([
    z.enum(['online', 'offline']),
    z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .pipe(z.enum(['online', 'offline'])),
]);
/**
 * Three documented shapes, one meaning (username → state):
 * - Easemob「REST API 开发指南 › 查看用户在线状态」 and Easemob「用户体系集成 › 获取用户在线状态」:
 *   `{"u1": "online"}`
 * - Easemob「用户体系集成 › 批量获取用户在线状态」: `[{"u1": "offline"}, {"u2": "offline"}]`
 * - Easemob「聊天消息导出 › 查看用户在线状态」:
 *   `[{"target_name": "u1", "result_code": 200, "result_content": {"result": "offline"}}]`
 */
export const statusData = z
    // The batch form first, and its 用户体系集成 entries before the 聊天消息导出 ones: the hot path
    // matches at once.
    .union([
    z.array(z.union([
        dictionary(onlineState),
        z.object({
            target_name: z.string(),
            result_code: num.optional(),
            result_content: z.object({ result: onlineState }),
        }),
    ])),
    dictionary(onlineState),
])
    .transform((data) => {
    const states = new Map();
    for (const entry of Array.isArray(data) ? data : [data]) {
        if ('target_name' in entry && typeof entry.target_name === 'string') {
            states.set(entry.target_name.toLowerCase(), entry.result_content.result);
            continue;
        }
        for (const [name, state] of Object.entries(entry)) {
            states.set(name.toLowerCase(), state);
        }
    }
    return states;
});
export const statusEnvelope = z.object({ data: statusData });
export const offlineCountEnvelope = z.object({ data: dictionary(num) });
export const offlineStatusEnvelope = z.object({
    data: z.record(z.string(), z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .pipe(z.enum(['delivered', 'undelivered']))),
});
export const disconnectEnvelope = z.object({
    data: z.object({ result: bool }),
});
/**
 * Two documented shapes of a send's answer:
 * - Easemob「REST API 开发指南 › 发送消息」, /hx wrapper「IM环信接口文档 › 发送文本消息」: `data`
 *   maps each target to "success" (newer servers answer a message id);
 * - Easemob「聊天消息导出 › 给某个用户发送消息」: `data` is a list of
 *   `{ target_name?, result_code, result_content: { result } }`, `result_code` 200 for success. Its
 *   example names no target, so an entry without one stands for the target at its position.
 */
export const sendEnvelope = z.object({
    data: z.union([
        dictionary(text),
        z.array(z.object({
            target_name: z.string().optional(),
            result_code: num.optional(),
            result_content: z
                .union([z.object({ result: text.optional() }), text.transform((result) => ({ result }))])
                .optional(),
        })),
    ]),
});
const chatBody = z.looseObject({ type: z.string() });
export const chatMessage = z
    .object({
    msg_id: text,
    from: z.string(),
    to: z.string(),
    chat_type: z.string(),
    timestamp: num,
    payload: z
        .object({
        bodies: z.array(chatBody).default([]),
        ext: dictionary(z.unknown()).optional(),
    })
        .default({ bodies: [] }),
})
    .transform((m) => ({
    id: m.msg_id,
    from: m.from,
    to: m.to,
    chatType: m.chat_type,
    timestamp: m.timestamp,
    bodies: m.payload.bodies,
    ext: m.payload.ext ?? {},
}));
export const chatMessagesEnvelope = z.object({
    entities: z.array(chatMessage).default([]),
    cursor: z.string().optional(),
    count: num.optional(),
});
/**
 * Easemob「在线状态订阅 RESTful API」 names the field a JSON array but shows an object of resource
 * → status.
 */
const deviceStatuses = z
    .union([
    dictionary(text),
    z.array(dictionary(text)).transform((list) => Object.assign({}, ...list)),
])
    .transform((statuses) => statuses);
export const presenceEntry = z.object({
    uid: z.string().default(''),
    last_time: num.optional(),
    expiry: num.optional(),
    ext: z.string().default(''),
    status: deviceStatuses.default({}),
});
/**
 * Easemob「在线状态订阅 RESTful API」: every presence answer carries `result`, and "若…失败，返回相应的
 * 错误原因" — on failure it is the reason, a string, where a list or "ok" was due. Those answers
 * are kept as `{ refused: reason }` for the resource to raise.
 */
const refusal = z.string().transform((reason) => ({ refused: reason }));
export const presenceListEnvelope = z.object({
    result: z.union([z.array(presenceEntry), refusal]),
});
/** `{"result": "ok"}`; anything else in `result` is the reason the operation failed. */
export const resultOkEnvelope = z.object({ result: z.unknown() });
export const sublistEnvelope = z.object({
    result: z.union([
        z.object({
            totalnum: num.default(0),
            sublist: z.array(z.object({ uid: z.string(), expiry: num })).default([]),
        }),
        refusal,
    ]),
});
//# sourceMappingURL=responses.js.map