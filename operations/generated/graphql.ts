/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _Any: { input: unknown; output: unknown; }
};

export type AudioBody = {
  __typename?: 'AudioBody';
  filename: Scalars['String']['output'];
  /** Seconds. */
  length: Scalars['Int']['output'];
  secret?: Maybe<Scalars['String']['output']>;
  url: Scalars['String']['output'];
};

export type AudioInput = {
  filename: Scalars['String']['input'];
  /** Seconds. */
  length: Scalars['Int']['input'];
  secret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
};

export type ChatType =
  /** One to one. */
  | 'CHAT'
  | 'CHATROOM'
  | 'GROUPCHAT';

export type CommandBody = {
  __typename?: 'CommandBody';
  action: Scalars['String']['output'];
};

export type CreateUserInput = {
  /** Push-notification nickname, at most 100 characters. */
  nickname?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  /** 1-64 of a-z 0-9 _ - . (lower-cased). */
  username: Scalars['String']['input'];
};

/** Easemob registers a batch as far as it can; the users it could not create are listed. */
export type CreateUsersPayload = {
  __typename?: 'CreateUsersPayload';
  created: Array<User>;
  failed: Array<UserCreationFailure>;
};

export type CustomBody = {
  __typename?: 'CustomBody';
  event?: Maybe<Scalars['String']['output']>;
  exts?: Maybe<Scalars['JSON']['output']>;
};

export type CustomInput = {
  event?: InputMaybe<Scalars['String']['input']>;
  exts?: InputMaybe<Scalars['JSON']['input']>;
};

/** The users Easemob chose and deleted (the oldest first). */
export type DeleteUsersPayload = {
  __typename?: 'DeleteUsersPayload';
  /** Easemob's cursor after the deleted users; null when none remain. */
  cursor?: Maybe<Scalars['String']['output']>;
  deleted: Array<User>;
};

export type DeviceStatus = {
  __typename?: 'DeviceStatus';
  /** False only for "0": a custom status is set by a connected device. */
  online: Scalars['Boolean']['output'];
  /** Device type and id. */
  resource: Scalars['String']['output'];
  /** "0" offline, "1" online, else custom. */
  status: Scalars['String']['output'];
};

export type FileBody = {
  __typename?: 'FileBody';
  fileLength?: Maybe<Scalars['Int']['output']>;
  filename: Scalars['String']['output'];
  secret?: Maybe<Scalars['String']['output']>;
  url: Scalars['String']['output'];
};

export type FileInput = {
  fileLength?: InputMaybe<Scalars['Int']['input']>;
  filename: Scalars['String']['input'];
  secret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
};

export type ImageBody = {
  __typename?: 'ImageBody';
  filename: Scalars['String']['output'];
  height?: Maybe<Scalars['Int']['output']>;
  secret?: Maybe<Scalars['String']['output']>;
  url: Scalars['String']['output'];
  width?: Maybe<Scalars['Int']['output']>;
};

export type ImageInput = {
  filename: Scalars['String']['input'];
  height?: InputMaybe<Scalars['Int']['input']>;
  secret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
  width?: InputMaybe<Scalars['Int']['input']>;
};

export type IssueUserTokenInput = {
  password: Scalars['String']['input'];
  /** The token's lifetime; the app's default when absent. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
  username: Scalars['String']['input'];
};

export type LocationBody = {
  __typename?: 'LocationBody';
  address: Scalars['String']['output'];
  latitude: Scalars['Float']['output'];
  longitude: Scalars['Float']['output'];
};

export type LocationInput = {
  address: Scalars['String']['input'];
  latitude: Scalars['Float']['input'];
  longitude: Scalars['Float']['input'];
};

/** A chat-history record. */
export type Message = {
  __typename?: 'Message';
  bodies: Array<MessageBody>;
  chatType: ChatType;
  ext: Scalars['JSON']['output'];
  from: User;
  id: Scalars['ID']['output'];
  /** The receiving user of a one-to-one message. */
  recipient?: Maybe<User>;
  timestamp: Scalars['DateTime']['output'];
  /** A username, or a group or room id. */
  to: Scalars['String']['output'];
};

export type MessageBody = AudioBody | CommandBody | CustomBody | FileBody | ImageBody | LocationBody | TextBody | UnknownBody | VideoBody;

export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
};

export type MessageDeliveryStatus =
  | 'DELIVERED'
  | 'UNDELIVERED';

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

/** Exactly one kind of message. */
export type MessageInput =
  { audio: AudioInput; command?: never; custom?: never; file?: never; image?: never; location?: never; text?: never; video?: never; }
  |  /** A command message: the action, delivered silently. */
  { audio?: never; command: Scalars['String']['input']; custom?: never; file?: never; image?: never; location?: never; text?: never; video?: never; }
  |  { audio?: never; command?: never; custom: CustomInput; file?: never; image?: never; location?: never; text?: never; video?: never; }
  |  { audio?: never; command?: never; custom?: never; file: FileInput; image?: never; location?: never; text?: never; video?: never; }
  |  { audio?: never; command?: never; custom?: never; file?: never; image: ImageInput; location?: never; text?: never; video?: never; }
  |  { audio?: never; command?: never; custom?: never; file?: never; image?: never; location: LocationInput; text?: never; video?: never; }
  |  { audio?: never; command?: never; custom?: never; file?: never; image?: never; location?: never; text: Scalars['String']['input']; video?: never; }
  |  { audio?: never; command?: never; custom?: never; file?: never; image?: never; location?: never; text?: never; video: VideoInput; };

/** A message sent through this API (one event per target). */
export type MessageSent = {
  __typename?: 'MessageSent';
  ext: Scalars['JSON']['output'];
  /** Null when sent as Easemob's "admin". */
  from?: Maybe<User>;
  id: Scalars['ID']['output'];
  /** Easemob's message body. */
  message: Scalars['JSON']['output'];
  sentAt: Scalars['DateTime']['output'];
  success: Scalars['Boolean']['output'];
  target: Scalars['String']['output'];
  targetType: MessageTargetType;
};

export type MessageTargetType =
  | 'CHATGROUPS'
  | 'CHATROOMS'
  | 'USERS';

export type Mutation = {
  __typename?: 'Mutation';
  activateUser: User;
  /** Makes the two users contacts of each other; returns the owner. A viewer cannot add a user who blocked them. */
  addContact: User;
  /** Blocks users from messaging the owner; a block list holds at most 500 users. Returns the owner. */
  blockUsers: User;
  createUser: User;
  /** At most 60 users per call. */
  createUsers: CreateUsersPayload;
  /** Bans the user: logged out at once, cannot log in until activated. */
  deactivateUser: User;
  /** Deletes the user (and any group or room they own) and returns its last profile. */
  deleteUser: User;
  /** Deletes the `limit` oldest users (1-500; Easemob picks them) and returns them. Not retried after an ambiguous failure: a repeat would delete more. */
  deleteUsers: DeleteUsersPayload;
  /** Forces the user offline; true when Easemob did. */
  disconnectUser: Scalars['Boolean']['output'];
  /** Logs the user in with their password and returns a user token for the client SDK. Admins for anyone, a user for themself. Repeated failures for one username are slowed, then refused for a while (RATE_LIMITED). */
  issueUserToken: UserToken;
  removeContact: User;
  resetPassword: Scalars['Boolean']['output'];
  /** Sends one message to each target. Never retried after an ambiguous failure. Viewers send within the send policy (README: Authentication and authorization). */
  sendMessage: SendMessagePayload;
  /** Sets one device's status and the user's presence extension. */
  setPresence: Scalars['Boolean']['output'];
  /** Subscribes `username` to the targets; answers their presence now. */
  subscribePresence: Array<Presence>;
  unblockUser: User;
  unsubscribePresence: Scalars['Boolean']['output'];
  /** Changes the push nickname, display style and no-disturbing window in one call. */
  updateUser: User;
};


export type MutationActivateUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationAddContactArgs = {
  contact: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationBlockUsersArgs = {
  username: Scalars['String']['input'];
  usernames: Array<Scalars['String']['input']>;
};


export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


export type MutationCreateUsersArgs = {
  input: Array<CreateUserInput>;
};


export type MutationDeactivateUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationDeleteUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationDeleteUsersArgs = {
  limit: Scalars['Int']['input'];
};


export type MutationDisconnectUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationIssueUserTokenArgs = {
  input: IssueUserTokenInput;
};


export type MutationRemoveContactArgs = {
  contact: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationResetPasswordArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationSendMessageArgs = {
  input: SendMessageInput;
};


export type MutationSetPresenceArgs = {
  ext?: InputMaybe<Scalars['String']['input']>;
  resource: Scalars['String']['input'];
  status: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationSubscribePresenceArgs = {
  expirySeconds: Scalars['Int']['input'];
  targets: Array<Scalars['String']['input']>;
  username: Scalars['String']['input'];
};


export type MutationUnblockUserArgs = {
  blocked: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationUnsubscribePresenceArgs = {
  targets: Array<Scalars['String']['input']>;
  username: Scalars['String']['input'];
};


export type MutationUpdateUserArgs = {
  input: UpdateUserInput;
  username: Scalars['String']['input'];
};

export type NoDisturbingInput = {
  enabled: Scalars['Boolean']['input'];
  /** 0-23; required when enabled. */
  endHour?: InputMaybe<Scalars['Int']['input']>;
  /** 0-23; required when enabled. */
  startHour?: InputMaybe<Scalars['Int']['input']>;
};

/** Hours (0-23) during which offline pushes are held back. */
export type NoDisturbingWindow = {
  __typename?: 'NoDisturbingWindow';
  enabled: Scalars['Boolean']['output'];
  endHour?: Maybe<Scalars['Int']['output']>;
  startHour?: Maybe<Scalars['Int']['output']>;
};

/** How push notifications show messages (notification_display_style, Easemob「用户体系集成 › 设置推送消息展示方式」). */
export type NotificationDisplayStyle =
  /** The notice with the message text ("1"). */
  | 'DETAIL'
  /** A notice only ("0"). */
  | 'SUMMARY';

export type OnlineStatus =
  | 'OFFLINE'
  | 'ONLINE';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A user's presence. `devices`, `ext` and `lastSeenAt` are for the user and admins; others see `user { status }` (README: Authentication and authorization). */
export type Presence = {
  __typename?: 'Presence';
  devices: Array<DeviceStatus>;
  /** When the subscription ends; only in subscribePresence answers. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  ext: Scalars['String']['output'];
  /** The last login or logout; null when never seen. */
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  user: User;
};

export type PresenceChange = {
  __typename?: 'PresenceChange';
  changedAt: Scalars['DateTime']['output'];
  presence: Presence;
};

export type PresenceSubscription = {
  __typename?: 'PresenceSubscription';
  expiresAt: Scalars['DateTime']['output'];
  user: User;
};

export type PresenceSubscriptionPage = {
  __typename?: 'PresenceSubscriptionPage';
  hasNextPage: Scalars['Boolean']['output'];
  items: Array<PresenceSubscription>;
  pageNum: Scalars['Int']['output'];
  pageSize: Scalars['Int']['output'];
  totalCount: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** The chat history, newest first unless `order` says otherwise. Admins only. */
  chatMessages: MessageConnection;
  /** The presence of each target, read on behalf of `username`. */
  presences: Array<Presence>;
  /** One user; null when Easemob has no such user. */
  user?: Maybe<User>;
  /** Every user, oldest first, over Easemob's cursor. Pages of at most 100. */
  users: UserConnection;
  /** The caller, when the credentials name an Easemob user (API keys do not). */
  viewer?: Maybe<User>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryChatMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  chatType?: InputMaybe<ChatType>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  order?: InputMaybe<SortOrder>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryPresencesArgs = {
  targets: Array<Scalars['String']['input']>;
  username: Scalars['String']['input'];
};


export type QueryUserArgs = {
  username: Scalars['String']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type SendMessageInput = {
  /** Extension attributes delivered with it. */
  ext?: InputMaybe<Scalars['JSON']['input']>;
  /** The sender; Easemob shows "admin" without one. */
  from?: InputMaybe<Scalars['String']['input']>;
  message: MessageInput;
  targetType: MessageTargetType;
  /** Usernames, or group or room ids: 1 to 100. */
  targets: Array<Scalars['String']['input']>;
};

export type SendMessagePayload = {
  __typename?: 'SendMessagePayload';
  results: Array<SendResult>;
};

export type SendResult = {
  __typename?: 'SendResult';
  /** Easemob's word for this target: "success", a message id, or a reason. */
  result: Scalars['String']['output'];
  success: Scalars['Boolean']['output'];
  target: Scalars['String']['output'];
};

export type SortOrder =
  | 'ASC'
  | 'DESC';

export type StatusChange = {
  __typename?: 'StatusChange';
  changedAt: Scalars['DateTime']['output'];
  previous: OnlineStatus;
  status: OnlineStatus;
  user: User;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Messages sent through this API by or to `username`. */
  messageSent: MessageSent;
  /** Each change of these users' presence, watched on behalf of `username`; others' presence details are for admins (see Presence). */
  presenceChanged: PresenceChange;
  /** Each change of these users' online status (polled; see README). */
  statusChanged: StatusChange;
};


export type SubscriptionMessageSentArgs = {
  username: Scalars['String']['input'];
};


export type SubscriptionPresenceChangedArgs = {
  targets: Array<Scalars['String']['input']>;
  username: Scalars['String']['input'];
};


export type SubscriptionStatusChangedArgs = {
  usernames: Array<Scalars['String']['input']>;
};

export type TextBody = {
  __typename?: 'TextBody';
  text: Scalars['String']['output'];
};

/** A body of a type this API does not know yet, as Easemob sent it. */
export type UnknownBody = {
  __typename?: 'UnknownBody';
  raw: Scalars['JSON']['output'];
  type: Scalars['String']['output'];
};

export type UpdateUserInput = {
  nickname?: InputMaybe<Scalars['String']['input']>;
  noDisturbing?: InputMaybe<NoDisturbingInput>;
  notificationDisplayStyle?: InputMaybe<NotificationDisplayStyle>;
};

/** An Easemob IM user. Profile fields are fetched only when selected. */
export type User = {
  __typename?: 'User';
  activated: Scalars['Boolean']['output'];
  blocks: Array<User>;
  contacts: Array<User>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The device's push token (device_token); read-only, admins only. */
  deviceToken?: Maybe<Scalars['String']['output']>;
  modifiedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Push-notification nickname. */
  nickname?: Maybe<Scalars['String']['output']>;
  noDisturbing?: Maybe<NoDisturbingWindow>;
  notificationDisplayStyle?: Maybe<NotificationDisplayStyle>;
  /** Groups whose offline pushes the user silenced (notification_ignore_<group id> true); null when none was ever set. */
  notificationIgnoredGroups?: Maybe<Array<Scalars['String']['output']>>;
  /** The push certificate the client SDK registered (notifier_name); read-only. */
  notifierName?: Maybe<Scalars['String']['output']>;
  /** Messages waiting for the user to come online. */
  offlineCount: Scalars['Int']['output'];
  offlineMessageStatus: MessageDeliveryStatus;
  /** Read in batches of 100 per operation. */
  presence?: Maybe<Presence>;
  /** The users whose presence this user is subscribed to. */
  presenceSubscriptions: PresenceSubscriptionPage;
  status: OnlineStatus;
  username: Scalars['String']['output'];
  uuid: Scalars['ID']['output'];
};


/** An Easemob IM user. Profile fields are fetched only when selected. */
export type UserOfflineMessageStatusArgs = {
  messageId: Scalars['ID']['input'];
};


/** An Easemob IM user. Profile fields are fetched only when selected. */
export type UserPresenceSubscriptionsArgs = {
  pageNum?: InputMaybe<Scalars['Int']['input']>;
  pageSize?: InputMaybe<Scalars['Int']['input']>;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
};

export type UserCreationFailure = {
  __typename?: 'UserCreationFailure';
  reason: Scalars['String']['output'];
  username: Scalars['String']['output'];
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

/** A token for the Easemob client SDK to log in with (username + token), issued by this server (Easemob「用户体系集成 › 获取用户token」, 方式2). */
export type UserToken = {
  __typename?: 'UserToken';
  accessToken: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  user: User;
};

export type VideoBody = {
  __typename?: 'VideoBody';
  fileLength?: Maybe<Scalars['Int']['output']>;
  filename: Scalars['String']['output'];
  /** Seconds. */
  length: Scalars['Int']['output'];
  secret?: Maybe<Scalars['String']['output']>;
  thumbnail?: Maybe<Scalars['String']['output']>;
  thumbnailSecret?: Maybe<Scalars['String']['output']>;
  url: Scalars['String']['output'];
};

export type VideoInput = {
  fileLength?: InputMaybe<Scalars['Int']['input']>;
  filename: Scalars['String']['input'];
  /** Seconds. */
  length: Scalars['Int']['input'];
  secret?: InputMaybe<Scalars['String']['input']>;
  thumbnail?: InputMaybe<Scalars['String']['input']>;
  thumbnailSecret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
};

export type _Entity = User;

export type _Service = {
  __typename?: '_Service';
  /** The sdl representing the federated service capabilities. Includes federation directives, removes federation types, and includes rest of full schema after schema directives have been applied */
  sdl?: Maybe<Scalars['String']['output']>;
};

export type IssueUserTokenMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
}>;


export type IssueUserTokenMutation = { __typename?: 'Mutation', issueUserToken: { __typename?: 'UserToken', accessToken: string, expiresAt: string, user: { __typename?: 'User', username: string } } };

export type SendMutationVariables = Exact<{ [key: string]: never; }>;


export type SendMutation = { __typename?: 'Mutation', sendMessage: { __typename?: 'SendMessagePayload', results: Array<{ __typename?: 'SendResult', target: string, success: boolean }> } };

export type UserCardQueryVariables = Exact<{
  username: Scalars['String']['input'];
}>;


export type UserCardQuery = { __typename?: 'Query', user?: { __typename?: 'User', username: string, uuid: string, nickname?: string | null, activated: boolean, createdAt?: string | null, status: OnlineStatus, offlineCount: number, contacts: Array<{ __typename?: 'User', username: string, status: OnlineStatus }>, blocks: Array<{ __typename?: 'User', username: string }> } | null };

export type UsersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type UsersQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', edges: Array<{ __typename?: 'UserEdge', cursor: string, node: { __typename?: 'User', username: string, nickname?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };


export const IssueUserTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueUserToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ttlSeconds"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueUserToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"ttlSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ttlSeconds"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]} as unknown as DocumentNode<IssueUserTokenMutation, IssueUserTokenMutationVariables>;
export const SendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Send"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"targetType"},"value":{"kind":"EnumValue","value":"USERS"}},{"kind":"ObjectField","name":{"kind":"Name","value":"targets"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"u2","block":false},{"kind":"StringValue","value":"u3","block":false}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"u1","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"message"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"text"},"value":{"kind":"StringValue","value":"hello","block":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"ext"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"attr1"},"value":{"kind":"StringValue","value":"v1","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]}}]} as unknown as DocumentNode<SendMutation, SendMutationVariables>;
export const UserCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"activated"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"offlineCount"}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blocks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]} as unknown as DocumentNode<UserCardQuery, UserCardQueryVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;