/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation IssueUserToken($username: String!, $password: String!, $ttlSeconds: Int) {\n  issueUserToken(\n    input: {username: $username, password: $password, ttlSeconds: $ttlSeconds}\n  ) {\n    accessToken\n    expiresAt\n    user {\n      username\n    }\n  }\n}": typeof types.IssueUserTokenDocument,
    "mutation Send {\n  sendMessage(\n    input: {targetType: USERS, targets: [\"u2\", \"u3\"], from: \"u1\", message: {text: \"hello\"}, ext: {attr1: \"v1\"}}\n  ) {\n    results {\n      target\n      success\n    }\n  }\n}": typeof types.SendDocument,
    "query UserCard($username: String!) {\n  user(username: $username) {\n    username\n    uuid\n    nickname\n    activated\n    createdAt\n    status\n    offlineCount\n    contacts {\n      username\n      status\n    }\n    blocks {\n      username\n    }\n  }\n}": typeof types.UserCardDocument,
    "query Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        username\n        nickname\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.UsersDocument,
};
const documents: Documents = {
    "mutation IssueUserToken($username: String!, $password: String!, $ttlSeconds: Int) {\n  issueUserToken(\n    input: {username: $username, password: $password, ttlSeconds: $ttlSeconds}\n  ) {\n    accessToken\n    expiresAt\n    user {\n      username\n    }\n  }\n}": types.IssueUserTokenDocument,
    "mutation Send {\n  sendMessage(\n    input: {targetType: USERS, targets: [\"u2\", \"u3\"], from: \"u1\", message: {text: \"hello\"}, ext: {attr1: \"v1\"}}\n  ) {\n    results {\n      target\n      success\n    }\n  }\n}": types.SendDocument,
    "query UserCard($username: String!) {\n  user(username: $username) {\n    username\n    uuid\n    nickname\n    activated\n    createdAt\n    status\n    offlineCount\n    contacts {\n      username\n      status\n    }\n    blocks {\n      username\n    }\n  }\n}": types.UserCardDocument,
    "query Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        username\n        nickname\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.UsersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueUserToken($username: String!, $password: String!, $ttlSeconds: Int) {\n  issueUserToken(\n    input: {username: $username, password: $password, ttlSeconds: $ttlSeconds}\n  ) {\n    accessToken\n    expiresAt\n    user {\n      username\n    }\n  }\n}"): (typeof documents)["mutation IssueUserToken($username: String!, $password: String!, $ttlSeconds: Int) {\n  issueUserToken(\n    input: {username: $username, password: $password, ttlSeconds: $ttlSeconds}\n  ) {\n    accessToken\n    expiresAt\n    user {\n      username\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Send {\n  sendMessage(\n    input: {targetType: USERS, targets: [\"u2\", \"u3\"], from: \"u1\", message: {text: \"hello\"}, ext: {attr1: \"v1\"}}\n  ) {\n    results {\n      target\n      success\n    }\n  }\n}"): (typeof documents)["mutation Send {\n  sendMessage(\n    input: {targetType: USERS, targets: [\"u2\", \"u3\"], from: \"u1\", message: {text: \"hello\"}, ext: {attr1: \"v1\"}}\n  ) {\n    results {\n      target\n      success\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserCard($username: String!) {\n  user(username: $username) {\n    username\n    uuid\n    nickname\n    activated\n    createdAt\n    status\n    offlineCount\n    contacts {\n      username\n      status\n    }\n    blocks {\n      username\n    }\n  }\n}"): (typeof documents)["query UserCard($username: String!) {\n  user(username: $username) {\n    username\n    uuid\n    nickname\n    activated\n    createdAt\n    status\n    offlineCount\n    contacts {\n      username\n      status\n    }\n    blocks {\n      username\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        username\n        nickname\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        username\n        nickname\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;