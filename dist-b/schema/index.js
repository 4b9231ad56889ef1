import { builder } from './builder.js';
import { servedSubgraph } from './federation.js';
import './user.js';
import './user-admin.js';
import './token.js';
import './relations.js';
import './message.js';
import './presence.js';
import './subscriptions.js';
export const schema = servedSubgraph(builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }));
//# sourceMappingURL=index.js.map