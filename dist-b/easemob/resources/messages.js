import { chatHistoryQuery, outgoingMessage, parseInput } from '../input.js';
import { chatMessagesEnvelope, sendEnvelope } from '../responses.js';
export function messagesResource(core) {
    return {
        /**
         * Sends once. Retried only when Easemob proves it did not process the request (429/503):
         * after a timeout or a reset the message may have gone out, so the failure is reported instead.
         */
        async send(input) {
            const message = parseInput(outgoingMessage, input, 'message');
            const body = {
                target_type: message.targetType,
                target: message.targets,
                msg: message.message,
            };
            if (message.from !== undefined)
                body.from = message.from;
            if (message.ext !== undefined)
                body.ext = message.ext;
            const answer = await core.call('messages.send', { body, schema: sendEnvelope });
            if (Array.isArray(answer.data))
                return perTargetResults(message.targets, answer.data);
            const byTarget = new Map(Object.entries(answer.data).map(([k, v]) => [k.toLowerCase(), v]));
            return message.targets.map((target) => {
                const result = byTarget.get(target.toLowerCase()) ?? 'no result';
                return { target, success: isDelivered(result), result };
            });
        },
    };
}
function isDelivered(result) {
    return result === 'success' || /^\d+$/.test(result);
}
/**
 * Easemob「聊天消息导出 › 给某个用户发送消息」's list form: an entry names its target or stands for
 * the one at its position; `result_code` 200 (or, absent, a result of "ok") is success.
 */
function perTargetResults(targets, entries) {
    const named = new Map(entries.flatMap((e) => (e.target_name ? [[e.target_name.toLowerCase(), e]] : [])));
    return targets.map((target, i) => {
        const entry = named.get(target.toLowerCase()) ?? (entries[i]?.target_name ? undefined : entries[i]);
        if (!entry)
            return { target, success: false, result: 'no result' };
        const result = entry.result_content?.result ?? String(entry.result_code ?? 'no result');
        const success = entry.result_code === undefined
            ? result === 'ok' || isDelivered(result)
            : entry.result_code === 200;
        return { target, success, result };
    });
}
export function chatHistoryResource(core) {
    return {
        /**
         * Easemob「聊天消息导出 › 聊天消息REST API」: `ql` filters and orders (e.g.
         * `select * where timestamp>1403164734226 order by timestamp desc`).
         */
        async list(options = {}) {
            const query = parseInput(chatHistoryQuery, options, 'query');
            const answer = await core.call('chatmessages.list', { query, schema: chatMessagesEnvelope });
            return { messages: answer.entities, cursor: answer.cursor || undefined };
        },
        async *iterate(options = {}) {
            let next;
            do {
                const page = await this.list({ ql: options.ql, limit: options.pageSize, cursor: next });
                yield* page.messages;
                next = page.cursor;
            } while (next);
        },
    };
}
/**
 * Builds the `ql` of Easemob「聊天消息导出」 from typed filters, quoting values so no filter can
 * inject another.
 */
export function buildChatHistoryQl(filter) {
    const conditions = [];
    if (filter.since !== undefined)
        conditions.push(`timestamp>=${Math.trunc(filter.since)}`);
    if (filter.until !== undefined)
        conditions.push(`timestamp<${Math.trunc(filter.until)}`);
    if (filter.from !== undefined)
        conditions.push(`from=${quote(filter.from)}`);
    if (filter.to !== undefined)
        conditions.push(`to=${quote(filter.to)}`);
    if (filter.chatType !== undefined)
        conditions.push(`chat_type=${quote(filter.chatType)}`);
    const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
    return `select *${where} order by timestamp ${filter.order ?? 'desc'}`;
}
function quote(value) {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
//# sourceMappingURL=messages.js.map