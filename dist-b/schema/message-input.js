import { messageKinds } from '../easemob/message-kinds.js';
import { builder } from './builder.js';
const kinds = messageKinds;
/** A kind's own input type, or, for a kind of one field (`text`, `command`), that field's scalar. */
function inputOf(kind) {
    const { input, fields } = kind;
    if (!input)
        return Object.values(fields)[0].type;
    return builder.inputType(input, {
        fields: (t) => Object.fromEntries(Object.entries(fields).map(([name, field]) => [
            name,
            t.field({
                type: field.type,
                required: field.required ?? false,
                description: field.description,
            }),
        ])),
    });
}
export const MessageInput = builder.inputType('MessageInput', {
    description: 'Exactly one kind of message.',
    isOneOf: true,
    fields: (t) => Object.fromEntries(Object.entries(kinds).map(([name, kind]) => [
        name,
        t.field({ type: inputOf(kind), description: kind.description }),
    ])),
});
/** Sets `value` at a dotted Easemob path (`size.width`), making the objects on the way. */
function put(body, path, value) {
    const segments = path.split('.');
    const last = segments.pop();
    let holder = body;
    for (const segment of segments) {
        holder[segment] ??= {};
        holder = holder[segment];
    }
    holder[last] = value;
}
/** The kind given and the Easemob body for it (`@oneOf` guarantees there is exactly one). */
export function toEasemobBody(message) {
    const [name, value] = Object.entries(message).find(([, v]) => v != null) ?? ['text', null];
    const kind = kinds[name];
    const given = kind.input ? value : { [Object.keys(kind.fields)[0]]: value };
    const body = { type: kind.type };
    for (const [field, spec] of Object.entries(kind.fields)) {
        if (given?.[field] != null)
            put(body, spec.easemob, given[field]);
    }
    return { kind: name, body };
}
/** The GraphQL path of an Easemob body field, e.g. `lat` of a location → `location.latitude`. */
export function inputPath(name, bodyPath) {
    const kind = kinds[name];
    const path = bodyPath.map(String);
    for (const [field, spec] of Object.entries(kind?.fields ?? {})) {
        const easemob = spec.easemob.split('.');
        if (!easemob.every((segment, i) => path[i] === segment))
            continue;
        const rest = path.slice(easemob.length);
        // A kind of one field (`text`, `command`) takes the value itself.
        return kind?.input ? [name, field, ...rest] : [name, ...rest];
    }
    // No field of its own (`size` as a whole, which groups width and height): the kind.
    return [name];
}
//# sourceMappingURL=message-input.js.map