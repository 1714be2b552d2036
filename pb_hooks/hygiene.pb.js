/// <reference path="types.d.ts" />
// No control, bidi-override or zero-width characters in any text a person
// typed, in any collection, whoever saves it (src/lib/domain/text-hygiene.ts;
// the forms show the same message as the person types). PocketBase's own
// system collections are left alone.
onRecordValidate((e) => {
	const name = e.record.collection().name;
	if (name[0] === '_') return e.next();
	const d = require(`${__hooks}/lib/domain.js`);
	const fields = e.record.collection().fields;
	for (let i = 0; i < fields.length; i++) {
		const type = fields[i].type();
		if (type !== 'text' && type !== 'editor' && type !== 'email' && type !== 'url') continue;
		const field = fields[i].getName();
		const message = d.textHygieneError(e.record.getString(field));
		if (message) throw new BadRequestError(message, { [field]: new ValidationError('invisible_characters', message) });
	}
	e.next();
});
