// Server re-check of an uploaded ID photo against the same PHOTO_RULES the
// browser tool encodes to (src/lib/domain/photo.ts, bundled into domain.js).

/** Throws a 400 naming what is wrong when a newly set `photo` breaks a rule. */
function checkNewPhoto(record) {
	var files = record.getUnsavedFiles('photo');
	if (!files || files.length === 0) return;
	var domain = require(__hooks + '/lib/domain.js');
	var rules = domain.PHOTO_RULES;
	for (var k = 0; k < files.length; k++) {
		var f = files[k];
		var error;
		if (f.size > rules.maxBytes) {
			error = 'too_large_file';
		} else {
			var reader = f.reader.open();
			var bytes;
			try {
				bytes = toBytes(reader, rules.maxBytes + 1);
			} finally {
				reader.close();
			}
			// The same header reader the browser uses before decoding. Our own
			// output carries no EXIF, so the frame size is the stored size. The Go
			// byte slice is read as is: a Uint8Array copy would turn every byte into a JS value.
			var header = domain.readImageHeader(bytes);
			error = domain.photoRuleError({
				isJpeg: header.kind === 'jpeg',
				width: header.width || 0,
				height: header.height || 0,
				bytes: bytes.length
			});
		}
		if (error) {
			var message = domain.PHOTO_RULE_MESSAGES[error];
			throw new BadRequestError('照片不符合要求：' + message, {
				photo: new ValidationError('invalid_photo', message)
			});
		}
	}
}

module.exports = { checkNewPhoto: checkNewPhoto };
