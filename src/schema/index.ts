import { builder } from './builder.js';
import './user.js';
import './user-admin.js';
import './relations.js';
import './message.js';
import './presence.js';

export const schema = builder.toSchema();
