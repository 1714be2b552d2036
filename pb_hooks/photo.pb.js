/// <reference path="types.d.ts" />
// ID photos: whatever path saves one (the app, the API, the admin UI, a
// batch), a new file on `photo` must be a JPEG of at least 440×572 with
// height/width 1.3 and under the size bound. A model hook, so every save is
// covered, not only API requests; the validate step, so its JS VM is released
// before the attachments are written (onRecordCreate would hold it through
// the whole save, and a deadline rush runs out of VMs).

onRecordValidate(
	(e) => {
		require(`${__hooks}/lib/photo.js`).checkNewPhoto(e.record);
		e.next();
	},
	'applicants',
	'cert_applications'
);
