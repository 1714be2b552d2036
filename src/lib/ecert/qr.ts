/**
 * The QR code of an e-certificate: the verify URL at error-correction level M
 * (readable from a phone screen and from print, and compact), as a module
 * matrix that the page draws as SVG and the PDF as vector squares.
 */
import encodeQR from 'qr';

/** Modules of quiet zone around the symbol, as ISO/IEC 18004 asks. */
export const QUIET_ZONE = 4;

export function qrModules(text: string): boolean[][] {
	// The library insists on a border of at least one module: take the symbol out of it.
	const framed = encodeQR(text, 'raw', { ecc: 'medium', border: 1 });
	return framed.slice(1, -1).map((row) => row.slice(1, -1));
}

/** SVG path of the dark modules, one unit per module, runs of a row merged. */
export function qrPath(modules: boolean[][]): string {
	let d = '';
	modules.forEach((row, y) => {
		for (let x = 0; x < row.length; x++) {
			if (!row[x]) continue;
			let w = 1;
			while (row[x + w]) w++;
			d += `M${x} ${y}h${w}v1h-${w}z`;
			x += w - 1;
		}
	});
	return d;
}
