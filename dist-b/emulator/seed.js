export function applySeed(state, seed) {
    for (const user of seed.users)
        state.createUser(user);
    for (const [a, b] of seed.contacts ?? [])
        state.addContact(a, b);
    for (const [owner, target] of seed.blocks ?? [])
        state.addBlock(owner, target);
    for (const username of seed.online ?? [])
        state.setOnline(username, true);
}
const people = [
    ['alice', 'Alice Chen'],
    ['bob', 'Bob Li'],
    ['carol', 'Carol Wang'],
    ['dave', 'Dave Zhang'],
    ['erin', 'Erin Liu'],
    ['frank', 'Frank Zhao'],
    ['grace', 'Grace Wu'],
    ['heidi', 'Heidi Sun'],
];
export const demoSeed = {
    users: people.map(([username, nickname]) => ({ username, password: 'password', nickname })),
    contacts: [
        ['alice', 'bob'],
        ['alice', 'carol'],
        ['alice', 'dave'],
        ['bob', 'carol'],
        ['bob', 'erin'],
        ['carol', 'frank'],
        ['dave', 'grace'],
        ['erin', 'heidi'],
        ['frank', 'grace'],
        ['grace', 'heidi'],
    ],
    blocks: [
        ['frank', 'heidi'],
        ['erin', 'dave'],
    ],
    online: ['alice', 'bob', 'grace'],
};
/** A group the demo conversation uses; group ids are numeric strings in Easemob. */
export const demoGroupId = '1402541206787';
const conversation = [
    ['alice', 'bob', 'Morning Bob! Are we still on for the design review?'],
    ['bob', 'alice', 'Yes, 10am. I will bring the new mockups.'],
    ['carol', 'alice', 'Can you share the meeting notes afterwards?'],
    ['alice', 'carol', 'Sure, I will post them in the group.'],
    ['dave', 'grace', 'Lunch today?'],
    ['grace', 'dave', 'Only if it is dumplings.'],
    ['bob', 'erin', 'Erin, the build is green again.'],
    ['frank', 'carol', 'Carol, did the invoice go out?'],
    ['carol', 'frank', 'It went out on Friday.'],
    ['alice', 'dave', 'Dave, please review my pull request when you are back.'],
    ['grace', 'heidi', 'Welcome to the team, Heidi!'],
    ['bob', 'carol', 'Carol, coffee at 3?'],
    ['alice', 'erin', 'Erin, the demo moved to Thursday.'],
    ['grace', 'frank', 'Frank, your package arrived at the front desk.'],
    ['bob', 'heidi', 'Heidi, here is the onboarding checklist.'],
    ['carol', 'bob', 'Coffee sounds good.'],
    ['dave', 'alice', 'On it.'],
];
/**
 * Users, contacts, blocks and online users from `demoSeed`, plus presence and about twenty chat
 * messages over the last three days. Some go to users who are offline, so offline counts are
 * non-zero: carol, dave, erin, frank and heidi have messages waiting.
 */
export function applyDemoSeed(state, now = Date.now()) {
    applySeed(state, { ...demoSeed, online: [] });
    // dave logged in and out earlier, so his presence has a last_time.
    state.setOnline('dave', true);
    state.setOnline('dave', false);
    for (const username of demoSeed.online ?? [])
        state.setOnline(username, true);
    state.setPresence('alice', 'ios_3f2a91', '1', 'working from home');
    state.setPresence('alice', 'webim_9c1d07', '0', 'working from home');
    state.setPresence('bob', 'android_6b5610ac', '1', '');
    state.setPresence('grace', 'webim_77aa21', 'busy', 'in a meeting until 3pm');
    state.setPresence('dave', 'android_1234ab', '0', 'on vacation');
    const hour = 3600 * 1000;
    const start = now - 72 * hour;
    const step = (70 * hour) / conversation.length;
    const messages = conversation.map(([from, to, text], index) => ({
        from,
        to,
        targetType: 'users',
        msg: { type: 'txt', msg: text },
        timestamp: Math.round(start + index * step),
    }));
    messages.push({
        from: 'alice',
        to: 'bob',
        targetType: 'users',
        msg: { type: 'loc', lat: 39.983805, lng: 116.307417, addr: '北京市海淀区北四环西路66号' },
        ext: { venue: 'office' },
        timestamp: now - 3 * hour,
    }, {
        from: 'alice',
        to: demoGroupId,
        targetType: 'chatgroups',
        msg: { type: 'txt', msg: 'Meeting notes are up.' },
        ext: { pinned: true },
        timestamp: now - 2 * hour,
    }, {
        from: 'admin',
        to: demoGroupId,
        targetType: 'chatgroups',
        msg: { type: 'txt', msg: 'Scheduled maintenance tonight at 23:00.' },
        timestamp: now - hour,
    });
    for (const message of messages)
        state.storeMessage(message);
}
//# sourceMappingURL=seed.js.map