import { builder } from './builder.js';

const ImageInput = builder.inputType('ImageInput', {
  fields: (t) => ({
    url: t.string({ required: true }),
    filename: t.string({ required: true }),
    secret: t.string(),
    width: t.int(),
    height: t.int(),
  }),
});

const LocationInput = builder.inputType('LocationInput', {
  fields: (t) => ({
    latitude: t.float({ required: true }),
    longitude: t.float({ required: true }),
    address: t.string({ required: true }),
  }),
});

const AudioInput = builder.inputType('AudioInput', {
  fields: (t) => ({
    url: t.string({ required: true }),
    filename: t.string({ required: true }),
    length: t.int({ required: true, description: 'Seconds.' }),
    secret: t.string(),
  }),
});

const VideoInput = builder.inputType('VideoInput', {
  fields: (t) => ({
    url: t.string({ required: true }),
    filename: t.string({ required: true }),
    length: t.int({ required: true, description: 'Seconds.' }),
    secret: t.string(),
    thumbnail: t.string(),
    thumbnailSecret: t.string(),
    fileLength: t.int(),
  }),
});

const FileInput = builder.inputType('FileInput', {
  fields: (t) => ({
    url: t.string({ required: true }),
    filename: t.string({ required: true }),
    secret: t.string(),
    fileLength: t.int(),
  }),
});

const CustomInput = builder.inputType('CustomInput', {
  fields: (t) => ({ event: t.string(), exts: t.field({ type: 'JSON' }) }),
});

export const MessageInput = builder.inputType('MessageInput', {
  description: 'Exactly one kind of message.',
  isOneOf: true,
  fields: (t) => ({
    text: t.string(),
    image: t.field({ type: ImageInput }),
    location: t.field({ type: LocationInput }),
    audio: t.field({ type: AudioInput }),
    video: t.field({ type: VideoInput }),
    file: t.field({ type: FileInput }),
    command: t.string({ description: 'A command message: the action, delivered silently.' }),
    custom: t.field({ type: CustomInput }),
  }),
});

type Fields = Record<string, unknown>;

/**
 * Per kind of MessageInput: its Easemob body, and each Easemob field's GraphQL name ('' when the
 * GraphQL value is the field itself, or when the field only groups others, as `size` does).
 */
const kinds: Record<string, { body: (value: unknown) => Fields; names: Record<string, string> }> = {
  text: { body: (msg) => ({ type: 'txt', msg }), names: { msg: '' } },
  image: {
    body: (value) => {
      const { width, height, ...rest } = value as Fields;
      const sized = width != null || height != null;
      return { type: 'img', ...rest, ...(sized ? { size: { width, height } } : {}) };
    },
    names: { size: '' },
  },
  location: {
    body: (value) => {
      const { latitude, longitude, address } = value as Fields;
      return { type: 'loc', lat: latitude, lng: longitude, addr: address };
    },
    names: { lat: 'latitude', lng: 'longitude', addr: 'address' },
  },
  audio: { body: (value) => ({ type: 'audio', ...(value as Fields) }), names: {} },
  video: {
    body: (value) => {
      const { thumbnail, thumbnailSecret, fileLength, ...rest } = value as Fields;
      return {
        type: 'video',
        ...rest,
        thumb: thumbnail,
        thumb_secret: thumbnailSecret,
        file_length: fileLength,
      };
    },
    names: { thumb: 'thumbnail', thumb_secret: 'thumbnailSecret', file_length: 'fileLength' },
  },
  file: {
    body: (value) => {
      const { fileLength, ...rest } = value as Fields;
      return { type: 'file', ...rest, file_length: fileLength };
    },
    names: { file_length: 'fileLength' },
  },
  command: { body: (action) => ({ type: 'cmd', action }), names: { action: '' } },
  custom: {
    body: (value) => {
      const { event, exts } = value as Fields;
      return { type: 'custom', customEvent: event, customExts: exts };
    },
    names: { customEvent: 'event', customExts: 'exts' },
  },
};

const withoutNulls = (fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));

/** The kind given and the Easemob body for it (`@oneOf` guarantees there is exactly one). */
export function toEasemobBody(message: Fields): { kind: string; body: Fields } {
  const [kind, value] = Object.entries(message).find(([, v]) => v != null) ?? ['text', null];
  const body = kinds[kind]!.body(typeof value === 'object' ? withoutNulls(value as Fields) : value);
  return { kind, body: withoutNulls(body) };
}

/** The GraphQL path of an Easemob body field, e.g. `lat` of a location → `location.latitude`. */
export function inputPath(kind: string, bodyPath: readonly PropertyKey[]): PropertyKey[] {
  const [field, ...rest] = bodyPath;
  if (field === undefined) return [kind];
  const name = kinds[kind]?.names[String(field)] ?? field;
  return name === '' ? [kind, ...rest] : [kind, name, ...rest];
}
