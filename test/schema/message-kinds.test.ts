import {
  type GraphQLInputObjectType,
  type GraphQLResolveInfo,
  type GraphQLUnionType,
  getNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { type MessageKind, messageBody, messageKinds } from '../../src/easemob/message-kinds.js';
import { schema } from '../../src/schema/index.js';
import { toEasemobBody } from '../../src/schema/message-input.js';

const kinds = Object.entries(messageKinds as Record<string, MessageKind>);

/** A value every rule of the table accepts, by GraphQL type. */
const sample = { String: 'https://example.com/a.bin', Int: 7, Float: 12.5, JSON: { k: 'v' } };

describe('the message kinds table', () => {
  const input = schema.getType('MessageInput') as GraphQLInputObjectType;
  const union = schema.getType('MessageBody') as GraphQLUnionType;

  it('is the MessageInput fields and the MessageBody members, UnknownBody aside', () => {
    expect(Object.keys(input.getFields()).sort()).toEqual(kinds.map(([name]) => name).sort());
    expect(union.getTypes().map((type) => type.name)).toEqual(
      expect.arrayContaining(kinds.map(([, kind]) => kind.output)),
    );
    expect(union.getTypes()).toHaveLength(kinds.length + 1);
    for (const [name, kind] of kinds) {
      const type = getNamedType(input.getFields()[name]!.type);
      expect(type.name).toBe(kind.input ?? Object.values(kind.fields)[0]!.type);
    }
  });

  it.each(kinds)(
    'turns a %s input into a body Easemob accepts, shown as its member',
    async (name, kind) => {
      const value = Object.fromEntries(
        Object.entries(kind.fields).map(([field, spec]) => [field, sample[spec.type]]),
      );
      const { body } = toEasemobBody({ [name]: kind.input ? value : Object.values(value)[0] });
      expect(body.type).toBe(kind.type);
      expect(messageBody.safeParse(body).success).toBe(true);
      const resolved = await union.resolveType!(body, {}, {} as GraphQLResolveInfo, union);
      expect(resolved).toBe(kind.output);
      // Without its required fields a record is an UnknownBody, not a member with nulls.
      if (Object.values(kind.fields).some((field) => field.required)) {
        const bare = await union.resolveType!(
          { type: kind.type },
          {},
          {} as GraphQLResolveInfo,
          union,
        );
        expect(bare).toBe('UnknownBody');
      }
    },
  );
});
