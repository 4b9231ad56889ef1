import { limits, username, usernameList } from '../easemob/input.js';
import { actingAs } from './access.js';
import { builder } from './builder.js';
import { User } from './user.js';
import { userOf } from './user-model.js';

builder.mutationFields((t) => ({
  addContact: t.field({
    authScopes: actingAs,
    type: User,
    description: 'Makes the two users contacts of each other; returns the owner.',
    args: {
      username: t.arg.string({ required: true }).validate(username),
      contact: t.arg.string({ required: true }).validate(username),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.easemob.contacts.add(args.username, args.contact);
      await ctx.loaders.wrote('contacts', [args.username, args.contact]);
      return userOf(args.username);
    },
  }),
  removeContact: t.field({
    authScopes: actingAs,
    type: User,
    args: {
      username: t.arg.string({ required: true }).validate(username),
      contact: t.arg.string({ required: true }).validate(username),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.easemob.contacts.remove(args.username, args.contact);
      await ctx.loaders.wrote('contacts', [args.username, args.contact]);
      return userOf(args.username);
    },
  }),
  blockUsers: t.field({
    authScopes: actingAs,
    type: User,
    description: `Blocks users from messaging the owner; a block list holds at most ${limits.blocksPerUser} users. Returns the owner.`,
    args: {
      username: t.arg.string({ required: true }).validate(username),
      usernames: t.arg.stringList({ required: true }).validate(usernameList(limits.blocksPerUser)),
    },
    resolve: async (_root, args, ctx) => {
      // The limit is on the list: it is checked against the one the owner has now.
      const current = await ctx.loaders.blocks.load(args.username);
      await ctx.easemob.blocks.add(args.username, args.usernames, { current });
      await ctx.loaders.wrote('blocks', [args.username]);
      return userOf(args.username);
    },
  }),
  unblockUser: t.field({
    authScopes: actingAs,
    type: User,
    args: {
      username: t.arg.string({ required: true }).validate(username),
      blocked: t.arg.string({ required: true }).validate(username),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.easemob.blocks.remove(args.username, args.blocked);
      await ctx.loaders.wrote('blocks', [args.username]);
      return userOf(args.username);
    },
  }),
}));
