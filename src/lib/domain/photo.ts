/**
 * ID photo rules from the seed (注意事项 ②): at least 440×572 px, height/width
 * = 1.3, JPEG. The browser tool and the server hook (pb_hooks/photo.pb.js)
 * both read these, so the bound the client encodes under is the bound the
 * server enforces.
 */
export const PHOTO_RULES = {
	minWidth: 440,
	minHeight: 572,
	/** height / width */
	ratio: 1.3,
	/**
	 * Largest output width. Crops wider than this are scaled down to it;
	 * narrower crops (≥ minWidth) keep their own width, so nothing is ever
	 * scaled up. 480×624 keeps a little headroom above the minimum while
	 * staying far below the byte bound.
	 */
	maxOutputWidth: 480,
	/** Upper bound of the JPEG file, in bytes (300 KB). */
	maxBytes: 300 * 1024,
	mime: 'image/jpeg',
	/** Refuse to decode images above this many pixels: a phone tab dies around 100+ MP. */
	maxSourcePixels: 64_000_000,
	/** Longest side we decode at all (browsers cap canvases near 16 384 / 32 767). */
	maxSourceSide: 12_000
} as const;

export type PhotoRuleError = 'not_jpeg' | 'too_small' | 'ratio' | 'too_large_file' | 'unreadable';

export const PHOTO_RULE_MESSAGES: Record<PhotoRuleError, string> = {
	not_jpeg: '照片必须是 JPG 格式，请用证件照片审核处理工具重新生成后上传',
	unreadable: '无法读取照片的尺寸，文件可能已损坏，请重新生成后上传',
	too_small: `照片分辨率不足，应不低于${PHOTO_RULES.minWidth}×${PHOTO_RULES.minHeight}像素，请重新裁剪`,
	ratio: `照片高宽比应为${PHOTO_RULES.ratio}，请用证件照片审核处理工具重新裁剪`,
	too_large_file: `照片文件超过${Math.round(PHOTO_RULES.maxBytes / 1024)}KB，请用证件照片审核处理工具重新生成`
};

/** Height/width = 1.3 within ±1 px of rounding on the height. */
export function photoRatioOk(width: number, height: number): boolean {
	if (!(width > 0 && height > 0)) return false;
	return Math.abs(height - width * PHOTO_RULES.ratio) <= 1;
}

export function photoSizeOk(width: number, height: number): boolean {
	return width >= PHOTO_RULES.minWidth && height >= PHOTO_RULES.minHeight;
}

/**
 * Output size for a crop of `cropWidth` source pixels: exact 1.3 in integer
 * pixels needs a width that is a multiple of 10. Returns undefined when the
 * crop is too small (it would need upscaling).
 */
export function photoOutputSize(cropWidth: number, cropHeight: number): { width: number; height: number } | undefined {
	// One pixel of slack: the cropper works in fractional screen pixels, so a
	// box dragged to the image's full 440 px may come back as 439.6.
	const w = Math.min(cropWidth, cropHeight / PHOTO_RULES.ratio) + 1;
	const width = Math.min(PHOTO_RULES.maxOutputWidth, Math.floor(w / 10) * 10);
	if (width < PHOTO_RULES.minWidth) return undefined;
	return { width, height: Math.round(width * PHOTO_RULES.ratio) };
}

/** Every rule a stored photo must meet; the first broken one, or undefined. */
export function photoRuleError(info: { isJpeg: boolean; width?: number; height?: number; bytes: number }): PhotoRuleError | undefined {
	if (!info.isJpeg) return 'not_jpeg';
	if (!info.width || !info.height) return 'unreadable';
	if (!photoSizeOk(info.width, info.height)) return 'too_small';
	if (!photoRatioOk(info.width, info.height)) return 'ratio';
	if (info.bytes > PHOTO_RULES.maxBytes) return 'too_large_file';
	return undefined;
}
