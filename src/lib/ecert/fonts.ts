/**
 * The CJK font for the PDF, one unicode-range slice at a time: only the
 * slices holding the characters of this document are fetched (a certificate
 * needs about ten of ~100, ~45 KB each), then kept in the Cache API so the
 * next PDF — also offline — needs no network. Slices are WOFF; the PDF
 * embeds the plain TrueType inside, which the browser's own zlib unpacks.
 * Files: pb_public/ecert-fonts/ (scripts/copy-ecert-fonts.js).
 */
const BASE = '/ecert-fonts/';
const CACHE = 'anguan-ecert-fonts';

type Range = number | [number, number];
export interface FontSlice {
	file: string;
	ranges: Range[];
}
interface FontIndex {
	dir: string;
	faces: FontSlice[];
}

async function openCache(): Promise<Cache | null> {
	try {
		return typeof caches === 'undefined' ? null : await caches.open(CACHE);
	} catch {
		return null;
	}
}

async function download(path: string): Promise<Response> {
	const res = await fetch(path);
	if (!res.ok) throw new Error(`字体文件下载失败（${res.status}），请稍后重试`);
	return res;
}

/** The index is asked of the network first (a new release may have moved the slices), the slices of the cache first. */
async function loadIndex(cache: Cache | null): Promise<FontIndex> {
	const path = BASE + 'index.json';
	try {
		const res = await download(path);
		await cache?.put(path, res.clone()).catch(() => {});
		return (await res.json()) as FontIndex;
	} catch (e) {
		const hit = await cache?.match(path);
		if (hit) return (await hit.json()) as FontIndex;
		throw e instanceof TypeError ? new Error('生成 PDF 需要先联网一次以下载字体，请联网后重试') : e;
	}
}

async function loadSlice(cache: Cache | null, path: string): Promise<ArrayBuffer> {
	const hit = await cache?.match(path);
	if (hit) return hit.arrayBuffer();
	let res: Response;
	try {
		res = await download(path);
	} catch (e) {
		throw e instanceof TypeError ? new Error('生成 PDF 需要联网下载字体，请联网后重试') : e;
	}
	await cache?.put(path, res.clone()).catch(() => {});
	return res.arrayBuffer();
}

const covers = (slice: FontSlice, cp: number) => slice.ranges.some((r) => (typeof r === 'number' ? r === cp : cp >= r[0] && cp <= r[1]));

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** WOFF 1.0 → the sfnt (TrueType/OpenType) it wraps. */
export async function woffToSfnt(woff: ArrayBuffer): Promise<Uint8Array> {
	const src = new Uint8Array(woff);
	const dv = new DataView(woff);
	if (dv.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF font');
	const count = dv.getUint16(12);
	const tables = Array.from({ length: count }, (_, i) => {
		const o = 44 + i * 20;
		return {
			tag: dv.getUint32(o),
			offset: dv.getUint32(o + 4),
			length: dv.getUint32(o + 8),
			origLength: dv.getUint32(o + 12),
			checksum: dv.getUint32(o + 16)
		};
	});
	const datas = await Promise.all(
		tables.map((t) => {
			const raw = src.subarray(t.offset, t.offset + t.length);
			return t.length < t.origLength ? inflate(raw) : Promise.resolve(raw);
		})
	);
	const headerSize = 12 + 16 * count;
	const size = tables.reduce((n, t) => n + ((t.origLength + 3) & ~3), headerSize);
	const out = new Uint8Array(size);
	const ov = new DataView(out.buffer);
	let log2 = 0;
	while (1 << (log2 + 1) <= count) log2++;
	ov.setUint32(0, dv.getUint32(4)); // flavor
	ov.setUint16(4, count);
	ov.setUint16(6, (1 << log2) * 16);
	ov.setUint16(8, log2);
	ov.setUint16(10, count * 16 - (1 << log2) * 16);
	let at = headerSize;
	tables.forEach((t, i) => {
		out.set(datas[i], at);
		ov.setUint32(12 + 16 * i, t.tag);
		ov.setUint32(16 + 16 * i, t.checksum);
		ov.setUint32(20 + 16 * i, at);
		ov.setUint32(24 + 16 * i, t.origLength);
		at += (t.origLength + 3) & ~3;
	});
	return out;
}

export interface LoadedFonts {
	/** the slice holding a character, or undefined when the font has none */
	sliceOf(char: string): FontSlice | undefined;
	/** sfnt bytes of every slice the text needs */
	bytes: Map<FontSlice, Uint8Array>;
}

/** Fetches (or takes from the cache) the slices that cover `text`. */
export async function fontsFor(text: string): Promise<LoadedFonts> {
	const cache = await openCache();
	const index = await loadIndex(cache);
	const sliceOf = (ch: string) => {
		const cp = ch.codePointAt(0)!;
		return index.faces.find((s) => covers(s, cp));
	};
	const needed = new Set<FontSlice>();
	for (const ch of new Set(text)) {
		const s = sliceOf(ch);
		if (s) needed.add(s);
	}
	const bytes = new Map<FontSlice, Uint8Array>();
	await Promise.all([...needed].map(async (s) => bytes.set(s, await woffToSfnt(await loadSlice(cache, `${BASE}${index.dir}/${s.file}`)))));
	return { sliceOf, bytes };
}
