/**
 * A live Dexie view as rune state, for components:
 *   const items = useLive(() => liveOutbox(), []);   …   {#each items.current as item}
 * Call during component initialisation; it unsubscribes when the component goes.
 */
import type { Live } from './scope';

export function useLive<T>(make: () => Live<T>, initial: T): { readonly current: T } {
	let value = $state.raw(initial);
	$effect(() => make().subscribe((v) => (value = v)));
	return {
		get current() {
			return value;
		}
	};
}
