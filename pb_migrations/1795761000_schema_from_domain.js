/// <reference path="../pb_hooks/types.d.ts" />
// The schema takes every value list and file bound from the domain, the
// rules' one place (bundled as lib/domain.js), instead of the copies the
// first migrations typed in. tests/integration/schema-contract.test.ts holds
// the two together. It found: the ID photo fields allowed 2 MB where the
// rule (and the server's own check) is 300 KB.
migrate(
	(app) => {
		const d = require(`${__hooks}/lib/domain.js`);
		const list = (values) => Array.prototype.slice.call(values);
		const select = (collection, name, values, maxSelect) => {
			const f = collection.fields.getByName(name);
			f.values = list(values);
			f.maxSelect = maxSelect || 1;
		};
		const files = (collection, name, maxSelect, maxSize, mimeTypes) => {
			const f = collection.fields.getByName(name);
			f.maxSelect = maxSelect;
			f.maxSize = maxSize;
			f.mimeTypes = list(mimeTypes);
		};
		const scan = (collection, name, maxSelect) => files(collection, name, maxSelect, d.ATTACHMENT_MAX_BYTES, d.ATTACHMENT_MIME_TYPES);
		const photo = (collection) => files(collection, 'photo', 1, d.PHOTO_RULES.maxBytes, [d.PHOTO_RULES.mime]);
		const review = (collection, reasons) => {
			select(collection, 'status', d.REVIEW_STATUSES);
			select(collection, 'rejectReasons', reasons, reasons.length);
		};

		const applicants = app.findCollectionByNameOrId('applicants');
		select(applicants, 'gender', d.GENDERS);
		photo(applicants);
		app.save(applicants);

		const enterprises = app.findCollectionByNameOrId('enterprises');
		select(enterprises, 'regCity', d.YUNNAN_CITIES);
		for (const name of d.ENTERPRISE_CHANGE_FILE_FIELDS) scan(enterprises, name, d.ENTERPRISE_SCAN_SPECS[name].maxFiles);
		enterprises.fields.getByName('qualCategory').help = '企业资质类别，如：水利水电工程施工总承包';
		app.save(enterprises);

		const certificates = app.findCollectionByNameOrId('certificates');
		select(certificates, 'category', d.CATEGORIES);
		select(certificates, 'status', d.CERT_STATUSES);
		app.save(certificates);

		const applications = app.findCollectionByNameOrId('cert_applications');
		select(applications, 'kind', d.APPLICATION_KINDS);
		review(applications, d.REJECT_REASONS);
		for (const spec of d.ATTACHMENT_SPECS) scan(applications, spec.field, spec.maxFiles);
		photo(applications);
		app.save(applications);

		const changes = app.findCollectionByNameOrId('enterprise_changes');
		select(changes, 'kind', d.ENTERPRISE_CHANGE_KINDS, d.ENTERPRISE_CHANGE_KINDS.length);
		review(changes, d.ENTERPRISE_REJECT_REASONS);
		select(changes, 'regCity', d.YUNNAN_CITIES);
		for (const name of d.ENTERPRISE_CHANGE_FILE_FIELDS) scan(changes, name, d.ENTERPRISE_SCAN_SPECS[name].maxFiles);
		app.save(changes);
	},
	(app) => {
		// Only the photo bound differed; the lists were equal copies.
		for (const name of ['applicants', 'cert_applications']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.getByName('photo').maxSize = 2 << 20;
			app.save(collection);
		}
	}
);
