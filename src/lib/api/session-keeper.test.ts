import { describe, expect, it } from 'vitest';
import { IDLE_LOGOUT_MS, SessionKeeper, type KeeperDeps, type SessionEnd } from './session-keeper';

function setup(over: Partial<KeeperDeps> = {}) {
	const state = {
		now: 1_000_000_000,
		activity: null as number | null,
		online: true,
		loggedIn: true,
		expiry: 0,
		refreshes: 0,
		ends: [] as SessionEnd[],
		refuse: 0
	};
	state.expiry = state.now + 60 * 60_000;
	const deps: KeeperDeps = {
		now: () => state.now,
		readActivity: () => state.activity,
		writeActivity: (ms) => (state.activity = ms),
		loggedIn: () => state.loggedIn,
		online: () => state.online,
		tokenExpiry: () => state.expiry,
		refresh: async () => {
			state.refreshes++;
			if (state.refuse) throw { status: state.refuse };
			state.expiry = state.now + 60 * 60_000;
		},
		end: async (reason) => {
			state.ends.push(reason);
			state.loggedIn = false;
		},
		...over
	};
	return { state, keeper: new SessionKeeper(deps) };
}

describe('SessionKeeper', () => {
	it('ends an idle login after 30 minutes, keeping it while there is activity', async () => {
		const { state, keeper } = setup();
		await keeper.start();
		state.now += 20 * 60_000;
		await keeper.activity();
		state.now += 20 * 60_000;
		await keeper.check();
		expect(state.ends).toEqual([]);
		state.now += 11 * 60_000;
		await keeper.check();
		expect(state.ends).toEqual(['idle']);
	});

	it('waits while offline: nobody could log in again without a network', async () => {
		const { state, keeper } = setup();
		await keeper.start();
		state.online = false;
		state.now += IDLE_LOGOUT_MS + 1;
		await keeper.check();
		expect(state.ends).toEqual([]);
		state.online = true;
		await keeper.check();
		expect(state.ends).toEqual(['idle']);
	});

	it('activity after the idle limit (a computer woken from sleep) ends the login instead of extending it', async () => {
		const { state, keeper } = setup();
		await keeper.start();
		state.now += IDLE_LOGOUT_MS + 60_000;
		await keeper.activity();
		expect(state.ends).toEqual(['idle']);
	});

	it('refreshes the token while active once it is ten minutes old, not on every keystroke', async () => {
		const { state, keeper } = setup();
		await keeper.start();
		expect(state.refreshes).toBe(1);
		state.now += 5 * 60_000;
		await keeper.activity();
		expect(state.refreshes).toBe(1);
		state.now += 6 * 60_000;
		await Promise.all([keeper.activity(), keeper.activity()]);
		expect(state.refreshes).toBe(2);
	});

	it('a refused refresh (退出所有设备 elsewhere) ends the login; a network failure does not', async () => {
		const { state, keeper } = setup();
		state.refuse = 0;
		await keeper.start();
		const failing = setup({ refresh: async () => Promise.reject(new TypeError('fetch failed')) });
		await failing.keeper.start();
		expect(failing.state.ends).toEqual([]);
		state.refuse = 401;
		state.now += 11 * 60_000;
		await keeper.activity();
		expect(state.ends).toEqual(['ended']);
	});

	it('an app opened after a long absence ends the stale login at once', async () => {
		const { state, keeper } = setup();
		state.activity = state.now - 2 * 60 * 60_000;
		await keeper.start();
		expect(state.ends).toEqual(['idle']);
		expect(state.refreshes).toBe(0);
	});
});
