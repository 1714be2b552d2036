/// <reference path="types.d.ts" />
// Scan bombs: every new file on every file field, whoever saves it (app,
// API, admin UI, batch), is checked before it is stored — an image by the
// pixel count in its header, a PDF by its page count (src/lib/domain/
// scan-limits.ts). A model hook, so no path around it.
onRecordValidate((e) => {
	require(`${__hooks}/lib/scans.js`).checkNewFiles(e.record);
	e.next();
});
