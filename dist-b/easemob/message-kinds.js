import { z } from 'zod';
const text = z.string().min(1, 'must not be empty');
const url = z.url();
const seconds = z.number().nonnegative();
const bytes = z.number().int().nonnegative();
function kind(type, shape, graphql) {
    return { type, body: z.object({ type: z.literal(type), ...shape }), ...graphql };
}
// Shared by the kinds that point at an uploaded file, in the order the SDL shows them.
const file = {
    url: { easemob: 'url', type: 'String', required: true },
    filename: { easemob: 'filename', type: 'String', required: true },
};
const length = { easemob: 'length', type: 'Int', required: true, description: 'Seconds.' };
const secret = { easemob: 'secret', type: 'String' };
/** Keyed by the `MessageInput` field. */
export const messageKinds = {
    text: kind('txt', { msg: text }, { output: 'TextBody', fields: { text: { easemob: 'msg', type: 'String', required: true } } }),
    image: kind('img', {
        url,
        filename: text,
        secret: z.string().optional(),
        size: z
            .object({ width: z.number().nonnegative(), height: z.number().nonnegative() })
            .optional(),
    }, {
        input: 'ImageInput',
        output: 'ImageBody',
        fields: {
            ...file,
            secret,
            width: { easemob: 'size.width', type: 'Int' },
            height: { easemob: 'size.height', type: 'Int' },
        },
    }),
    location: kind('loc', { lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), addr: z.string() }, {
        input: 'LocationInput',
        output: 'LocationBody',
        fields: {
            latitude: { easemob: 'lat', type: 'Float', required: true },
            longitude: { easemob: 'lng', type: 'Float', required: true },
            address: { easemob: 'addr', type: 'String', required: true },
        },
    }),
    audio: kind('audio', { url, filename: text, length: seconds, secret: z.string().optional() }, { input: 'AudioInput', output: 'AudioBody', fields: { ...file, length, secret } }),
    video: kind('video', {
        url,
        filename: text,
        length: seconds,
        secret: z.string().optional(),
        thumb: z.string().optional(),
        thumb_secret: z.string().optional(),
        file_length: bytes.optional(),
    }, {
        input: 'VideoInput',
        output: 'VideoBody',
        fields: {
            ...file,
            length,
            secret,
            thumbnail: { easemob: 'thumb', type: 'String' },
            thumbnailSecret: { easemob: 'thumb_secret', type: 'String' },
            fileLength: { easemob: 'file_length', type: 'Int' },
        },
    }),
    file: kind('file', { url, filename: text, secret: z.string().optional(), file_length: bytes.optional() }, {
        input: 'FileInput',
        output: 'FileBody',
        fields: { ...file, secret, fileLength: { easemob: 'file_length', type: 'Int' } },
    }),
    command: kind('cmd', { action: text }, {
        description: 'A command message: the action, delivered silently.',
        output: 'CommandBody',
        fields: { action: { easemob: 'action', type: 'String', required: true } },
    }),
    custom: kind('custom', {
        customEvent: z.string().optional(),
        customExts: z.record(z.string(), z.string()).optional(),
    }, {
        input: 'CustomInput',
        output: 'CustomBody',
        fields: {
            event: { easemob: 'customEvent', type: 'String' },
            exts: { easemob: 'customExts', type: 'JSON' },
        },
    }),
};
/** One message body of any kind, told apart by `type`. */
export const messageBody = z.discriminatedUnion('type', Object.values(messageKinds).map((k) => k.body));
//# sourceMappingURL=message-kinds.js.map