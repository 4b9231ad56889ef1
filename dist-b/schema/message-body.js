import { messageKinds } from '../easemob/message-kinds.js';
import { builder } from './builder.js';
const text = (body, key) => {
    const value = body[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};
const number = (body, key) => {
    const value = body[key];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const int = (body, key) => {
    const n = number(body, key);
    return n === null ? null : Math.round(n);
};
const object = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)
    ? value
    : null;
/** A body field as its GraphQL scalar; null when absent or of the wrong shape. */
function read(body, field) {
    const path = field.easemob.split('.');
    const key = path.pop();
    let holder = body;
    for (const segment of path)
        holder = holder && object(holder[segment]);
    if (!holder)
        return null;
    if (field.type === 'String')
        return text(holder, key);
    if (field.type === 'Int')
        return int(holder, key);
    if (field.type === 'Float')
        return number(holder, key);
    return object(holder[key]);
}
/** A kind's output type; its required fields are never null (a body lacking one is unknown). */
function outputOf(kind) {
    return builder.objectRef(kind.output).implement({
        fields: (t) => Object.fromEntries(Object.entries(kind.fields).map(([name, field]) => [
            name,
            t.field({
                type: field.type,
                nullable: !field.required,
                description: field.description,
                resolve: (body) => read(body, field),
            }),
        ])),
    });
}
const UnknownBody = builder.objectRef('UnknownBody').implement({
    description: 'A body of a type this API does not know yet, as Easemob sent it.',
    fields: (t) => ({
        type: t.string({ resolve: (b) => b.type }),
        raw: t.field({ type: 'JSON', resolve: (b) => b }),
    }),
});
/** Each Easemob body type, its member, and whether a record has what the member needs. */
const members = new Map(Object.values(messageKinds).map((kind) => {
    const required = Object.values(kind.fields).filter((field) => field.required);
    const shows = (body) => required.every((field) => read(body, field) !== null);
    return [kind.type, { ref: outputOf(kind), shows }];
}));
export const MessageBody = builder.unionType('MessageBody', {
    types: [...[...members.values()].map((member) => member.ref), UnknownBody],
    resolveType: (body) => {
        const member = members.get(body.type);
        return member?.shows(body) ? member.ref : UnknownBody;
    },
});
//# sourceMappingURL=message-body.js.map