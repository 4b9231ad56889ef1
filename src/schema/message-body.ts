import type { ChatMessage } from '../easemob/responses.js';
import { builder } from './builder.js';

type Body = ChatMessage['bodies'][number];

const text = (body: Body, key: string) => {
  const value = body[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

const number = (body: Body | Record<string, unknown>, key: string) => {
  const value = body[key];
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

const int = (body: Body | Record<string, unknown>, key: string) => {
  const n = number(body, key);
  return n === null ? null : Math.round(n);
};

const object = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, string>)
    : null;

const TextBody = builder.objectRef<Body>('TextBody').implement({
  fields: (t) => ({ text: t.string({ resolve: (b) => text(b, 'msg')! }) }),
});

const ImageBody = builder.objectRef<Body>('ImageBody').implement({
  fields: (t) => ({
    url: t.string({ resolve: (b) => text(b, 'url')! }),
    filename: t.string({ resolve: (b) => text(b, 'filename')! }),
    secret: t.string({ nullable: true, resolve: (b) => text(b, 'secret') }),
    width: t.int({ nullable: true, resolve: (b) => int(object(b.size) ?? {}, 'width') }),
    height: t.int({ nullable: true, resolve: (b) => int(object(b.size) ?? {}, 'height') }),
  }),
});

const LocationBody = builder.objectRef<Body>('LocationBody').implement({
  fields: (t) => ({
    latitude: t.float({ resolve: (b) => number(b, 'lat')! }),
    longitude: t.float({ resolve: (b) => number(b, 'lng')! }),
    address: t.string({ resolve: (b) => text(b, 'addr')! }),
  }),
});

const AudioBody = builder.objectRef<Body>('AudioBody').implement({
  fields: (t) => ({
    url: t.string({ resolve: (b) => text(b, 'url')! }),
    filename: t.string({ resolve: (b) => text(b, 'filename')! }),
    length: t.int({ description: 'Seconds.', resolve: (b) => int(b, 'length')! }),
    secret: t.string({ nullable: true, resolve: (b) => text(b, 'secret') }),
  }),
});

const VideoBody = builder.objectRef<Body>('VideoBody').implement({
  fields: (t) => ({
    url: t.string({ resolve: (b) => text(b, 'url')! }),
    filename: t.string({ resolve: (b) => text(b, 'filename')! }),
    length: t.int({ description: 'Seconds.', resolve: (b) => int(b, 'length')! }),
    secret: t.string({ nullable: true, resolve: (b) => text(b, 'secret') }),
    thumbnail: t.string({ nullable: true, resolve: (b) => text(b, 'thumb') }),
    thumbnailSecret: t.string({ nullable: true, resolve: (b) => text(b, 'thumb_secret') }),
    fileLength: t.int({ nullable: true, resolve: (b) => int(b, 'file_length') }),
  }),
});

const FileBody = builder.objectRef<Body>('FileBody').implement({
  fields: (t) => ({
    url: t.string({ resolve: (b) => text(b, 'url')! }),
    filename: t.string({ resolve: (b) => text(b, 'filename')! }),
    secret: t.string({ nullable: true, resolve: (b) => text(b, 'secret') }),
    fileLength: t.int({ nullable: true, resolve: (b) => int(b, 'file_length') }),
  }),
});

const CommandBody = builder.objectRef<Body>('CommandBody').implement({
  fields: (t) => ({ action: t.string({ resolve: (b) => text(b, 'action')! }) }),
});

const CustomBody = builder.objectRef<Body>('CustomBody').implement({
  fields: (t) => ({
    event: t.string({ nullable: true, resolve: (b) => text(b, 'customEvent') }),
    exts: t.field({ type: 'JSON', nullable: true, resolve: (b) => object(b.customExts) }),
  }),
});

const UnknownBody = builder.objectRef<Body>('UnknownBody').implement({
  description: 'A body of a type this API does not know yet, as Easemob sent it.',
  fields: (t) => ({
    type: t.string({ resolve: (b) => b.type }),
    raw: t.field({ type: 'JSON', resolve: (b) => b }),
  }),
});

const hasText =
  (...keys: string[]) =>
  (b: Body) =>
    keys.every((key) => text(b, key) !== null);
const hasNumbers =
  (...keys: string[]) =>
  (b: Body) =>
    keys.every((key) => number(b, key) !== null);
const always = () => true;

/** Each Easemob body type, and what a record needs to be shown as it; anything else is unknown. */
const members: Record<string, [typeof TextBody, (body: Body) => boolean]> = {
  txt: [TextBody, hasText('msg')],
  img: [ImageBody, hasText('url', 'filename')],
  loc: [LocationBody, (b) => hasNumbers('lat', 'lng')(b) && hasText('addr')(b)],
  audio: [AudioBody, (b) => hasText('url', 'filename')(b) && hasNumbers('length')(b)],
  video: [VideoBody, (b) => hasText('url', 'filename')(b) && hasNumbers('length')(b)],
  file: [FileBody, hasText('url', 'filename')],
  cmd: [CommandBody, hasText('action')],
  custom: [CustomBody, always],
};

export const MessageBody = builder.unionType('MessageBody', {
  types: [
    TextBody,
    ImageBody,
    LocationBody,
    AudioBody,
    VideoBody,
    FileBody,
    CommandBody,
    CustomBody,
    UnknownBody,
  ],
  resolveType: (body) => {
    const member = Object.hasOwn(members, body.type) ? members[body.type] : undefined;
    return member?.[1](body) ? member[0] : UnknownBody;
  },
});
