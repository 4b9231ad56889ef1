import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/easemob.js';

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user${String(i).padStart(3, '0')}`);

describe('batch status', () => {
  it('250 names cost exactly 3 calls of at most 100, merged in input order', async () => {
    const users = names(250);
    const { client, emulator } = await startHarness({
      emulator: {
        seed: {
          users: users.map((username) => ({ username, password: 'p' })),
          online: ['user007', 'user180', 'user249'],
        },
      },
    });
    const states = await client.status.getMany(users);
    expect([...states.keys()]).toEqual(users);
    expect([...states].filter(([, s]) => s === 'online').map(([u]) => u)).toEqual([
      'user007',
      'user180',
      'user249',
    ]);
    expect(emulator.calls.count('status.batch')).toBe(3);
    expect(emulator.calls.count('status.get')).toBe(0);
    const carried = emulator.calls.usernames('status.batch');
    expect(carried.map((run) => run.length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
    expect(carried.flat().sort()).toEqual(users);
  });

  it('sends each name once even when asked twice, in any case', async () => {
    const { client, emulator } = await startHarness();
    const states = await client.status.getMany(['a', 'A', 'b', 'a']);
    expect([...states.keys()]).toEqual(['a', 'b']);
    expect(emulator.calls.usernames('status.batch')).toEqual([['a', 'b']]);
  });

  it('makes no call for an empty list', async () => {
    const { client, emulator } = await startHarness();
    expect((await client.status.getMany([])).size).toBe(0);
    expect(emulator.calls.count()).toBe(0);
  });

  it('chunks presence reads the same way', async () => {
    const { client, emulator } = await startHarness();
    const presence = await client.presence.getMany('watcher', names(150));
    expect(presence).toHaveLength(150);
    expect(
      emulator.calls
        .usernames('presence.get')
        .map((run) => run.length)
        .sort(),
    ).toEqual([100, 50].sort());
  });
});
