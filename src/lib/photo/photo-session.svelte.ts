/**
 * One visit to the photo tool: open a file, crop, check, 换白底, save. The
 * page only arranges what this exposes. It promises:
 * - a crop is processed only once the photo and its box exist (never 0×0),
 *   and only the newest one shows: results for an older crop or photo are
 *   dropped;
 * - the first crop is processed as soon as the photo opens, from the box the
 *   worker placed on the face — the cropper reports only the user's changes;
 * - a file that does not open leaves the previous photo, and says so;
 * - 换白底 that fails (e.g. offline before its first use) turns itself off
 *   and says why, and the photo is checked again without it;
 * - every failure ends as Chinese text; nothing is thrown at the page.
 */
import type { PhotoCheckReport } from './checks/index';
import { verdict } from './checks/index';
import type { Rect } from './checks/types';
import type { PhotoDraft } from './draft';
import type { ProcessOptions, ProcessResult } from './pipeline';
import type { OpenOutcome } from './processor';
import { photoSaveError } from '../offline/status.svelte';

/** What the session needs of the photo pipeline (PhotoProcessor). */
export interface PhotoTool {
	readonly canWhiten: boolean;
	warm(): Promise<boolean>;
	open(file: File): Promise<OpenOutcome>;
	process(rect: Rect, extra?: Partial<ProcessOptions>): Promise<ProcessResult>;
	dispose(): void;
}

/** Where the saved photo lives (./draft.ts). */
export interface PhotoStore {
	load(): Promise<PhotoDraft | undefined>;
	save(jpeg: Blob, check: PhotoCheckReport): Promise<void>;
}

export interface ObjectUrls {
	create(blob: Blob): string;
	revoke(url: string): void;
}

export interface OpenedPhoto {
	name: string;
	/** Source size, after EXIF rotation: crops are in these pixels. */
	width: number;
	height: number;
	/** The downscaled picture the cropper shows. */
	previewUrl: string;
	previewWidth: number;
	previewHeight: number;
	/** The first crop box (source pixels): placed on the face when one was found. */
	crop: Rect;
}

export const SESSION_MESSAGES = {
	openFailed: '打开照片时出错，请重试或换一张照片',
	previousKept: '已保留之前的照片。',
	processFailed: '处理照片时出错，请重新打开照片再试',
	whiteFailed: '换成白色背景失败：处理组件未能加载（首次使用需要联网）。请联网后重试，或换一张白底照片',
	whiteUnavailable: '此浏览器无法换成白色背景，请换一张白底照片，或用新版浏览器打开',
	saved: '照片已保存在本机，下次提交变更申请时会一并上传。'
} as const;

const browserUrls: ObjectUrls = { create: (b) => URL.createObjectURL(b), revoke: (u) => URL.revokeObjectURL(u) };

export class PhotoSession {
	#tool: PhotoTool;
	#store: PhotoStore;
	#urls: ObjectUrls;

	#photo = $state<OpenedPhoto>();
	#opening = $state(false);
	#openError = $state('');
	#result = $state<ProcessResult>();
	#resultUrl = $state<string>();
	#processing = $state(false);
	#processError = $state('');
	#white = $state(false);
	#acknowledged = $state(false);
	#saving = $state(false);
	#saveError = $state('');
	#savedMessage = $state('');
	#savedUrl = $state<string>();
	#faceReady = $state<boolean>();

	/** Bumped by every new photo and every new crop: answers for an older one are dropped. */
	#run = 0;
	#rect: Rect | undefined;
	#pending: Rect | undefined;
	#looping = false;

	#verdict = $derived(this.#result ? verdict(this.#result.report.results) : undefined);

	constructor(tool: PhotoTool, store: PhotoStore, urls: ObjectUrls = browserUrls) {
		this.#tool = tool;
		this.#store = store;
		this.#urls = urls;
	}

	get photo() {
		return this.#photo;
	}
	get opening() {
		return this.#opening;
	}
	get openError() {
		return this.#openError;
	}
	get result() {
		return this.#result;
	}
	get report(): PhotoCheckReport | undefined {
		return this.#result?.report;
	}
	get resultUrl() {
		return this.#resultUrl;
	}
	get processing() {
		return this.#processing;
	}
	get processError() {
		return this.#processError;
	}
	get white() {
		return this.#white;
	}
	get canWhiten() {
		return this.#tool.canWhiten;
	}
	get verdict() {
		return this.#verdict;
	}
	get acknowledged() {
		return this.#acknowledged;
	}
	set acknowledged(v: boolean) {
		this.#acknowledged = v;
	}
	get saving() {
		return this.#saving;
	}
	get saveError() {
		return this.#saveError;
	}
	get savedMessage() {
		return this.#savedMessage;
	}
	get savedUrl() {
		return this.#savedUrl;
	}
	/** undefined while the face model loads; false where face detection cannot run. */
	get faceReady() {
		return this.#faceReady;
	}
	get canSave(): boolean {
		const v = this.#verdict;
		return !!this.#result?.jpeg && !this.#processing && !this.#saving && !!v && !v.blocked && (!v.needsConfirmation || this.#acknowledged);
	}

	/** Call when the page opens: warms the worker and the face model, shows the saved photo. */
	start(): void {
		this.#tool.warm().then(
			(ok) => (this.#faceReady = ok),
			() => (this.#faceReady = false)
		);
		this.#store.load().then(
			(saved) => {
				if (saved && !this.#savedUrl) this.#savedUrl = this.#urls.create(saved.file);
			},
			() => {}
		);
	}

	async openFile(file: File): Promise<void> {
		this.#openError = '';
		this.#savedMessage = '';
		this.#opening = true;
		const kept = this.#photo ? SESSION_MESSAGES.previousKept : '';
		try {
			const opened = await this.#tool.open(file);
			if (!opened.ok) {
				this.#openError = `${opened.message}${kept ? `。${kept}` : ''}`;
				return;
			}
			const previous = this.#photo;
			this.#run++;
			this.#pending = undefined;
			this.#setResult(undefined);
			this.#acknowledged = false;
			this.#photo = {
				name: file.name,
				width: opened.width,
				height: opened.height,
				previewUrl: this.#urls.create(opened.preview.blob),
				previewWidth: opened.preview.width,
				previewHeight: opened.preview.height,
				crop: opened.crop
			};
			if (previous) this.#urls.revoke(previous.previewUrl);
			this.crop(opened.crop);
		} catch {
			this.#openError = `${SESSION_MESSAGES.openFailed}${kept ? `。${kept}` : ''}`;
		} finally {
			this.#opening = false;
		}
	}

	/** A crop in source pixels. Only a box with an area on an open photo counts. */
	crop(rect: Rect): void {
		if (!this.#photo || !(rect.width >= 1 && rect.height >= 1)) return;
		this.#rect = rect;
		this.#pending = rect;
		this.#processing = true;
		void this.#drain();
	}

	/** 换白底 on or off; the current crop is checked again either way. */
	setWhite(on: boolean): void {
		if (on && !this.#tool.canWhiten) {
			this.#processError = SESSION_MESSAGES.whiteUnavailable;
			return;
		}
		this.#white = on;
		if (this.#rect) this.crop(this.#rect);
	}

	async #drain(): Promise<void> {
		if (this.#looping) return;
		this.#looping = true;
		let whiteFailed = false;
		try {
			while (this.#pending) {
				const rect = this.#pending;
				this.#pending = undefined;
				const mine = ++this.#run;
				const white = this.#white;
				try {
					const r = await this.#tool.process(rect, white ? { whiteBackground: true } : {});
					if (mine !== this.#run) continue; // a newer crop or photo came meanwhile
					this.#setResult(r);
					this.#processError = whiteFailed ? SESSION_MESSAGES.whiteFailed : '';
				} catch {
					if (mine !== this.#run) continue;
					if (white) {
						// Keep the photo usable: check it again as it is.
						whiteFailed = true;
						this.#white = false;
						this.#pending ??= rect;
						this.#processError = SESSION_MESSAGES.whiteFailed;
					} else this.#processError = SESSION_MESSAGES.processFailed;
				}
			}
		} finally {
			this.#looping = false;
			this.#processing = false;
		}
	}

	#setResult(r: ProcessResult | undefined): void {
		if (this.#resultUrl) this.#urls.revoke(this.#resultUrl);
		this.#resultUrl = r?.jpeg ? this.#urls.create(r.jpeg) : undefined;
		this.#result = r;
		this.#acknowledged = false;
		if (r) this.#savedMessage = '';
	}

	async save(): Promise<void> {
		const r = this.#result;
		if (!r?.jpeg || !this.canSave) return;
		this.#saving = true;
		this.#saveError = '';
		try {
			const report: PhotoCheckReport = { ...r.report, ...(this.#verdict?.needsConfirmation ? { acknowledged: true } : {}) };
			await this.#store.save(r.jpeg, report);
			if (this.#savedUrl) this.#urls.revoke(this.#savedUrl);
			this.#savedUrl = this.#urls.create(r.jpeg);
			this.#savedMessage = SESSION_MESSAGES.saved;
		} catch (e) {
			// By its real cause: a browser that keeps no site data is not a full phone.
			this.#saveError = photoSaveError(e);
		} finally {
			this.#saving = false;
		}
	}

	dispose(): void {
		this.#run++;
		this.#tool.dispose();
		for (const u of [this.#photo?.previewUrl, this.#resultUrl, this.#savedUrl]) if (u) this.#urls.revoke(u);
	}
}
