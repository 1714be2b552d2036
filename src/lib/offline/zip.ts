/**
 * A minimal ZIP writer (stored, no compression): the export of unsent drafts
 * must work offline with no extra dependency, and scans are already compressed.
 */
const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

export function crc32(data: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
	name: string;
	data: Uint8Array;
	date?: Date;
}

function dosTime(d: Date) {
	return {
		time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
		date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
	};
}

export function zip(entries: ZipEntry[]): Blob {
	const enc = new TextEncoder();
	const parts: BlobPart[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = enc.encode(e.name);
		const crc = crc32(e.data);
		const { time, date } = dosTime(e.date ?? new Date());
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, 0x0800, true); // names are UTF-8
		local.setUint16(8, 0, true); // stored
		local.setUint16(10, time, true);
		local.setUint16(12, date, true);
		local.setUint32(14, crc, true);
		local.setUint32(18, e.data.length, true);
		local.setUint32(22, e.data.length, true);
		local.setUint16(26, name.length, true);
		local.setUint16(28, 0, true);
		parts.push(local.buffer, name, e.data as Uint8Array<ArrayBuffer>);

		const cd = new DataView(new ArrayBuffer(46));
		cd.setUint32(0, 0x02014b50, true);
		// "made by Unix": some unzip builds convert names from a DOS code page otherwise, despite the UTF-8 flag.
		cd.setUint16(4, (3 << 8) | 20, true);
		cd.setUint16(6, 20, true);
		cd.setUint16(8, 0x0800, true);
		cd.setUint16(10, 0, true);
		cd.setUint16(12, time, true);
		cd.setUint16(14, date, true);
		cd.setUint32(16, crc, true);
		cd.setUint32(20, e.data.length, true);
		cd.setUint32(24, e.data.length, true);
		cd.setUint16(28, name.length, true);
		cd.setUint32(38, (0o100644 << 16) >>> 0, true); // a regular file, rw-r--r--
		cd.setUint32(42, offset, true);
		const rec = new Uint8Array(46 + name.length);
		rec.set(new Uint8Array(cd.buffer), 0);
		rec.set(name, 46);
		central.push(rec);
		offset += 30 + name.length + e.data.length;
	}
	const cdSize = central.reduce((n, c) => n + c.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, entries.length, true);
	end.setUint16(10, entries.length, true);
	end.setUint32(12, cdSize, true);
	end.setUint32(16, offset, true);
	return new Blob([...parts, ...(central as Uint8Array<ArrayBuffer>[]), end.buffer], { type: 'application/zip' });
}
