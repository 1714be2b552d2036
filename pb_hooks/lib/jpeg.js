// Minimal JPEG header reading for the photo hook: is it a JPEG by content,
// and what size does its SOF (start of frame) header declare. ES5 for goja;
// `bytes` is anything indexable with a length (a Go []byte from toBytes).

function isJpeg(bytes) {
	return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** {width, height} from the first SOFn segment, or null when there is none before the scan. */
function jpegSize(bytes) {
	if (!isJpeg(bytes)) return null;
	var i = 2;
	var n = bytes.length;
	while (i + 4 <= n) {
		if (bytes[i] !== 0xff) {
			i++;
			continue;
		}
		var marker = bytes[i + 1];
		if (marker === 0xff) {
			i++;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return null;
		var len = (bytes[i + 2] << 8) | bytes[i + 3];
		if (len < 2) return null;
		// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			if (i + 9 > n) return null;
			return {
				height: (bytes[i + 5] << 8) | bytes[i + 6],
				width: (bytes[i + 7] << 8) | bytes[i + 8]
			};
		}
		i += 2 + len;
	}
	return null;
}

module.exports = { isJpeg: isJpeg, jpegSize: jpegSize };
