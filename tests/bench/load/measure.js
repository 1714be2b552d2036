// One page load in Debian's Chromium as a phone on slow 4G sees it: Chrome
// DevTools Protocol throttling with Lighthouse's mobile values (its "applied"
// devtools throttling: 562.5 ms request latency, 1.47 Mbit/s down, 675 kbit/s
// up, CPU 4× slower), a 412×823 touch screen. Reads, from the page itself:
// FCP and LCP (paint timing), TBT (long tasks after FCP, each beyond 50 ms),
// bytes on the wire (Resource Timing transferSize: compressed bodies plus
// headers; "to first render" = what had arrived by FCP), the JS it had to parse (decoded sizes) and, in an unthrottled
// pass, how much of that JS ran (V8 coverage).

export const SLOW_4G = { latency: 562.5, downloadKbps: 1474.56, uploadKbps: 675 };
export const CPU_SLOWDOWN = 4;
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-dev-shm-usage'
];
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** Installed before any script of the page: paint, LCP and long-task observers. */
function observe() {
	const m = (window.__loadBench = { fcp: null, lcp: null, lcpTag: '', longTasks: [] });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') m.fcp = e.startTime;
	}).observe({ type: 'paint', buffered: true });
	new PerformanceObserver((list) => {
		const last = list.getEntries().at(-1);
		m.lcp = last.startTime;
		m.lcpTag = last.element ? last.element.tagName.toLowerCase() : '';
	}).observe({ type: 'largest-contentful-paint', buffered: true });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) m.longTasks.push([e.startTime, e.duration]);
	}).observe({ type: 'longtask', buffered: true });
}

/** In the page, once it has settled: timings and every request's sizes. */
function collect() {
	const m = window.__loadBench;
	const nav = performance.getEntriesByType('navigation')[0];
	const resources = performance.getEntriesByType('resource').map((r) => ({
		url: r.name,
		start: r.startTime,
		end: r.responseEnd,
		transfer: r.transferSize,
		encoded: r.encodedBodySize,
		decoded: r.decodedBodySize
	}));
	return { ...m, nav: { transfer: nav.transferSize, decoded: nav.decodedBodySize }, resources };
}

/** Lighthouse's TBT: the part of each long task beyond 50 ms, counted from FCP on. */
function totalBlockingTime(longTasks, fcp) {
	let tbt = 0;
	for (const [start, duration] of longTasks) {
		const end = start + duration;
		if (end <= fcp) continue;
		const counted = end - Math.max(start, fcp);
		if (counted > 50) tbt += counted - 50;
	}
	return tbt;
}

async function settle(page) {
	await page.waitForLoadState('networkidle');
	// Work scheduled after the last response (rendering the data) still counts.
	await page.waitForTimeout(1000);
}

function summarise(raw) {
	const isJs = (r) => new URL(r.url).pathname.endsWith('.js');
	const js = raw.resources.filter(isJs);
	// What had arrived when the page first drew: what drawing it needed (and whatever raced it).
	const beforeRender = raw.resources.filter((r) => raw.fcp !== null && r.end <= raw.fcp);
	return {
		fcp: raw.fcp,
		lcp: raw.lcp,
		lcpTag: raw.lcpTag,
		tbt: totalBlockingTime(raw.longTasks, raw.fcp ?? 0),
		requests: raw.resources.length + 1,
		wireBytes: raw.nav.transfer + raw.resources.reduce((n, r) => n + r.transfer, 0),
		wireToRender: raw.nav.transfer + beforeRender.reduce((n, r) => n + r.transfer, 0),
		jsDecoded: js.reduce((n, r) => n + r.decoded, 0),
		jsWire: js.reduce((n, r) => n + r.encoded, 0),
		chunks: js.map((r) => ({ path: new URL(r.url).pathname, encoded: r.encoded })),
		waterfall: raw.resources.map((r) => ({ path: new URL(r.url).pathname, start: r.start, end: r.end, transfer: r.transfer }))
	};
}

/**
 * A cold visit (empty cache, no service worker: its background precache is
 * measured on its own) under slow 4G and 4× CPU, then a repeat visit in the
 * same browser context.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ auth?: { token: string, record: object } | null }} opts
 */
export async function measureLoad(browser, url, { auth = null } = {}) {
	const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
	try {
		if (auth)
			await context.addInitScript(
				(a) => localStorage.getItem('anguan_auth') || localStorage.setItem('anguan_auth', JSON.stringify(a)),
				auth
			);
		await context.addInitScript(observe);
		const page = await context.newPage();
		const errors = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: SLOW_4G.latency,
			downloadThroughput: (SLOW_4G.downloadKbps * 1024) / 8,
			uploadThroughput: (SLOW_4G.uploadKbps * 1024) / 8
		});
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

		await page.goto(url, { waitUntil: 'load' });
		await settle(page);
		const cold = summarise(await page.evaluate(collect));
		cold.finalPath = new URL(page.url()).pathname;

		await page.goto(url, { waitUntil: 'load' });
		await settle(page);
		const repeat = summarise(await page.evaluate(collect));
		return { cold, repeat, errors };
	} finally {
		await context.close();
	}
}

/** Bytes of each script the page loaded and how many of them ran (unthrottled, own context). */
export async function measureCoverage(browser, url, { auth = null } = {}) {
	const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
	try {
		if (auth)
			await context.addInitScript(
				(a) => localStorage.getItem('anguan_auth') || localStorage.setItem('anguan_auth', JSON.stringify(a)),
				auth
			);
		const page = await context.newPage();
		await page.coverage.startJSCoverage({ resetOnNavigation: false });
		await page.goto(url, { waitUntil: 'load' });
		await settle(page);
		const entries = await page.coverage.stopJSCoverage();
		let total = 0;
		let unused = 0;
		for (const e of entries) {
			if (!e.source || !new URL(e.url).pathname.startsWith('/_app/')) continue;
			const used = new Uint8Array(e.source.length);
			// V8 lists a function's whole range first, then the blocks inside it: later ranges refine earlier ones.
			for (const f of e.functions) for (const r of f.ranges) used.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
			total += e.source.length;
			unused += used.length - used.reduce((n, b) => n + b, 0);
		}
		return { jsChars: total, unusedChars: unused };
	} finally {
		await context.close();
	}
}

/** What the service worker downloads in the background on a first visit (unthrottled). */
export async function measurePrecache(browser, url) {
	const context = await browser.newContext(PHONE);
	try {
		let bytes = 0;
		let files = 0;
		const pending = [];
		context.on('requestfinished', (req) => {
			if (!req.serviceWorker()) return;
			files++;
			pending.push(
				req.sizes().then(
					(s) => (bytes += s.responseBodySize + s.responseHeadersSize),
					() => {}
				)
			);
		});
		const page = await context.newPage();
		await page.goto(url, { waitUntil: 'load' });
		await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.ready;
			// Ready means active: the install step, which precaches, is over.
			return reg.active?.state;
		});
		await Promise.all(pending);
		return { files, bytes };
	} finally {
		await context.close();
	}
}
