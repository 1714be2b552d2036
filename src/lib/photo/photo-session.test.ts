import { describe, expect, it } from 'vitest';
import type { CheckResult, PhotoCheckReport } from './checks/index';
import type { Rect } from './checks/types';
import { QUOTA_MESSAGE, UNAVAILABLE_MESSAGE } from '../offline/storage';
import { PhotoSession, SESSION_MESSAGES, type PhotoStore, type PhotoTool } from './photo-session.svelte';
import type { ProcessOptions, ProcessResult } from './pipeline';
import type { OpenOutcome } from './processor';

const PLACED: Rect = { x: 100, y: 50, width: 600, height: 780 };

const pass = (id: CheckResult['id']): CheckResult => ({ id, level: 'pass', message: '' });
function report(results: CheckResult[], extra: Partial<PhotoCheckReport> = {}): PhotoCheckReport {
	return {
		version: 1,
		checkedAt: '2026-01-01T00:00:00Z',
		source: { name: 'a.jpg', type: 'image/jpeg', width: 1200, height: 1600, bytes: 1 },
		crop: { x: 0, y: 0, width: 600, height: 780 },
		faceDetector: 'face-api',
		results,
		...extra
	};
}
const allPass = () =>
	report(['decodable', 'resolution', 'ratio', 'background', 'colour', 'face'].map((id) => pass(id as CheckResult['id'])));

/** A pipeline whose answers the test releases one by one. */
function fakeTool(
	opts: { canWhiten?: boolean; whiteFails?: boolean; results?: (rect: Rect, o: Partial<ProcessOptions>) => PhotoCheckReport } = {}
) {
	const calls: { rect: Rect; options: Partial<ProcessOptions>; resolve: () => void }[] = [];
	const tool: PhotoTool & { calls: typeof calls; opened: OpenOutcome } = {
		calls,
		canWhiten: opts.canWhiten ?? true,
		opened: {
			ok: true,
			header: { kind: 'jpeg' },
			width: 1200,
			height: 1600,
			transparent: false,
			preview: { blob: new Blob(['p']), width: 600, height: 800 },
			crop: PLACED
		},
		warm: async () => true,
		async open() {
			return tool.opened;
		},
		process(rect, options = {}) {
			return new Promise<ProcessResult>((resolve, reject) => {
				calls.push({
					rect,
					options,
					resolve: () =>
						options.whiteBackground && opts.whiteFails
							? reject(new Error('model failed to load'))
							: resolve({ jpeg: new Blob(['jpeg']), report: opts.results?.(rect, options) ?? allPass() })
				});
			});
		},
		dispose() {}
	};
	return tool;
}

function fakeStore() {
	const saved: PhotoCheckReport[] = [];
	const store: PhotoStore & { saved: typeof saved } = {
		saved,
		load: async () => undefined,
		save: async (_jpeg, check) => void saved.push(check)
	};
	return store;
}

let n = 0;
const urls = { create: () => `blob:${++n}`, revoke: () => {} };
const file = (name = 'a.jpg') => new File(['x'], name, { type: 'image/jpeg' });
const settle = () => new Promise((r) => setTimeout(r, 0));

async function release(tool: ReturnType<typeof fakeTool>) {
	await settle();
	while (tool.calls.length) {
		tool.calls.shift()!.resolve();
		await settle();
	}
}

describe('PhotoSession', () => {
	it('checks the box placed on the face as soon as the photo opens, with nothing for the user to adjust', async () => {
		const tool = fakeTool();
		const s = new PhotoSession(tool, fakeStore(), urls);
		await s.openFile(file());
		expect(s.photo?.crop).toEqual(PLACED);
		expect(tool.calls.map((c) => c.rect)).toEqual([PLACED]);
		expect(s.processing).toBe(true);
		await release(tool);
		expect(s.processing).toBe(false);
		expect(s.verdict).toEqual({ blocked: false, needsConfirmation: false });
		expect(s.canSave).toBe(true);
	});

	it('never sends a crop before the photo exists, nor one without an area', async () => {
		const tool = fakeTool();
		const s = new PhotoSession(tool, fakeStore(), urls);
		s.crop({ x: 0, y: 0, width: 300, height: 390 });
		expect(tool.calls).toHaveLength(0);
		await s.openFile(file());
		await release(tool);
		s.crop({ x: 10, y: 10, width: 0, height: 0 });
		expect(tool.calls).toHaveLength(0);
		expect(s.result?.report.results.every((r) => r.level === 'pass')).toBe(true);
	});

	it('shows only the newest crop: answers for older ones are dropped', async () => {
		const tool = fakeTool({ results: (rect) => report([pass('ratio')], { crop: { ...rect } }) });
		const s = new PhotoSession(tool, fakeStore(), urls);
		await s.openFile(file());
		const later = { ...PLACED, x: 120 };
		const latest = { ...PLACED, x: 140 };
		s.crop(later);
		s.crop(latest);
		await release(tool);
		expect(s.report?.crop.x).toBe(140);
		// The drag in between was skipped, not processed.
		expect(s.processing).toBe(false);
	});

	it('a bad file after a good one keeps the photo, and says so', async () => {
		const tool = fakeTool();
		const s = new PhotoSession(tool, fakeStore(), urls);
		await s.openFile(file('good.jpg'));
		await release(tool);
		tool.opened = { ok: false, message: '所选文件不是图片，请选择 JPG 格式的证件照片' };
		await s.openFile(file('notes.txt'));
		expect(s.openError).toBe(`所选文件不是图片，请选择 JPG 格式的证件照片。${SESSION_MESSAGES.previousKept}`);
		expect(s.photo?.name).toBe('good.jpg');
		expect(s.canSave).toBe(true);
		// Without a previous photo nothing is said about keeping one.
		const fresh = new PhotoSession(tool, fakeStore(), urls);
		await fresh.openFile(file('notes.txt'));
		expect(fresh.openError).not.toContain('已保留');
	});

	it('换白底 re-checks the crop on white; if it cannot load, it turns off, says why and checks the photo as it is', async () => {
		const tool = fakeTool({ results: (_r, o) => report([pass('background')], o.whiteBackground ? { backgroundReplaced: true } : {}) });
		const s = new PhotoSession(tool, fakeStore(), urls);
		await s.openFile(file());
		await release(tool);
		s.setWhite(true);
		expect(tool.calls.at(-1)?.options).toEqual({ whiteBackground: true });
		await release(tool);
		expect(s.report?.backgroundReplaced).toBe(true);

		const failing = fakeTool({ whiteFails: true });
		const f = new PhotoSession(failing, fakeStore(), urls);
		await f.openFile(file());
		await release(failing);
		f.setWhite(true);
		await release(failing);
		expect(f.white).toBe(false);
		expect(f.processError).toBe(SESSION_MESSAGES.whiteFailed);
		expect(f.report?.backgroundReplaced).toBeUndefined();
		expect(f.canSave).toBe(true);
	});

	it('where 换白底 cannot run it says so and changes nothing', async () => {
		const tool = fakeTool({ canWhiten: false });
		const s = new PhotoSession(tool, fakeStore(), urls);
		await s.openFile(file());
		await release(tool);
		s.setWhite(true);
		expect(s.white).toBe(false);
		expect(s.processError).toBe(SESSION_MESSAGES.whiteUnavailable);
		expect(tool.calls).toHaveLength(0);
	});

	it('an exact rule failed: cannot be saved; a warning: saved only once acknowledged, and the report says so', async () => {
		const grey = fakeTool({ results: () => report([pass('ratio'), { id: 'colour', level: 'fail', message: '照片是黑白（灰度）的' }]) });
		const g = new PhotoSession(grey, fakeStore(), urls);
		await g.openFile(file());
		await release(grey);
		g.acknowledged = true;
		expect(g.verdict?.blocked).toBe(true);
		expect(g.canSave).toBe(false);

		const store = fakeStore();
		const dark = fakeTool({ results: () => report([pass('ratio'), { id: 'exposure', level: 'warn', message: '照片偏暗' }]) });
		const d = new PhotoSession(dark, store, urls);
		await d.openFile(file());
		await release(dark);
		expect(d.canSave).toBe(false);
		d.acknowledged = true;
		expect(d.canSave).toBe(true);
		await d.save();
		expect(store.saved[0].acknowledged).toBe(true);
		expect(d.savedMessage).toBe(SESSION_MESSAGES.saved);
		expect(d.savedUrl).toBeTruthy();
	});

	it('a failed save names its real cause in Chinese and keeps the result', async () => {
		const failing = async (error: Error) => {
			const tool = fakeTool();
			const s = new PhotoSession(tool, { ...fakeStore(), save: async () => Promise.reject(error) }, urls);
			await s.openFile(file());
			await release(tool);
			await s.save();
			expect(s.canSave).toBe(true);
			return s.saveError;
		};
		const full = await failing(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));
		expect(full).toBe(`保存失败：${QUOTA_MESSAGE}`);
		// Site data blocked or a private mode: not the phone's storage, and the way out is another browser.
		const refused = await failing(Object.assign(new Error('The user denied permission to access the database.'), { name: 'UnknownError' }));
		expect(refused).toContain(UNAVAILABLE_MESSAGE);
		expect(refused).toContain('请换用允许本网站保存数据的浏览器');
		expect(refused).not.toContain('手机存储空间');
	});
});
