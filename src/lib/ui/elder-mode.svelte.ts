/**
 * 长者模式 (MIIT 适老化): larger text and targets, one column, darker text —
 * all of it in src/app.css, switched by `data-mode="elder"` on <html>. The
 * choice is remembered per device; where site data is blocked (localStorage
 * throws) it lasts for the page and nothing breaks.
 */
const KEY = 'anguan.elderMode';

function read(): boolean {
	try {
		return globalThis.localStorage?.getItem(KEY) === '1';
	} catch {
		return false;
	}
}

function write(on: boolean): void {
	try {
		if (on) localStorage.setItem(KEY, '1');
		else localStorage.removeItem(KEY);
	} catch {
		// Blocked or full storage: the mode still holds until the page closes.
	}
}

function apply(on: boolean): void {
	if (typeof document === 'undefined') return;
	if (on) document.documentElement.dataset.mode = 'elder';
	else delete document.documentElement.dataset.mode;
}

class ElderMode {
	on = $state(read());
	constructor() {
		apply(this.on);
	}
	set(on: boolean): void {
		this.on = on;
		apply(on);
		write(on);
	}
	toggle(): void {
		this.set(!this.on);
	}
}

export const elderMode = new ElderMode();
