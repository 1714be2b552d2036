/// <reference path="../pb_hooks/types.d.ts" />
// The signed e-certificate: its current signed payload on the certificate
// (the holder's app draws the QR from it), every issued version in a
// reviewers-only history, and a rate limit on the public status endpoint.
migrate(
	(app) => {
		const certificates = app.findCollectionByNameOrId('certificates');
		const system = '（系统在发证时填写，不能手工修改）';
		certificates.fields.add(
			new TextField({
				name: 'ecertPayload',
				max: 2000,
				help: '电子证书签名内容：证书编号、脱敏姓名和身份证号、类别、企业、有效期、颁发日期、发证机关、核验码、密钥编号' + system
			})
		);
		certificates.fields.add(new TextField({ name: 'ecertSignature', max: 200, help: '电子证书的 SM2/SM3 签名（r‖s，十六进制）' + system }));
		certificates.fields.add(
			new NumberField({
				name: 'ecertVersion',
				onlyInt: true,
				min: 0,
				help: '电子证书版本：每次发证（变更、延续）加 1；历次版本见 ecert_versions' + system
			})
		);
		app.save(certificates);

		const versions = new Collection({
			type: 'base',
			name: 'ecert_versions',
			// Reviewers (superusers) only; written by the hooks.
			listRule: null,
			viewRule: null,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					type: 'relation',
					name: 'certificate',
					required: true,
					maxSelect: 1,
					collectionId: certificates.id,
					cascadeDelete: false,
					help: '证书',
					presentable: true
				},
				{ type: 'number', name: 'version', onlyInt: true, min: 1, help: '版本号（第几次发放电子证书）' },
				{ type: 'text', name: 'certNo', max: 40, help: '证书编号', presentable: true },
				{ type: 'text', name: 'verifyCode', max: 40, help: '这一版本的核验码；旧版本的核验码在公开核验时显示“已更新”' },
				{ type: 'text', name: 'payload', max: 2000, help: '签名内容（与证书二维码中的内容相同）' },
				{ type: 'text', name: 'signature', max: 200, help: 'SM2/SM3 签名（r‖s，十六进制）' },
				{ type: 'text', name: 'kid', max: 40, help: '签名密钥编号（公钥见 /api/anguan/ecert/keys）' },
				{ type: 'date', name: 'issuedAt', help: '这一版本的签发时间' },
				{ type: 'date', name: 'supersededAt', help: '被新版本取代的时间；为空表示当前版本' },
				{ type: 'autodate', name: 'created', onCreate: true, onUpdate: false }
			],
			indexes: [
				'CREATE UNIQUE INDEX idx_ecert_versions_version ON ecert_versions (certificate, version)',
				'CREATE INDEX idx_ecert_versions_lookup ON ecert_versions (certNo, verifyCode)'
			]
		});
		app.save(versions);

		// Public status look-ups: a few a minute per address is plenty for an
		// inspector, and makes guessing verify codes pointless.
		const s = app.settings();
		s.rateLimits.rules = s.rateLimits.rules.filter((r) => r.label !== 'GET /api/anguan/verify');
		s.rateLimits.rules.push({ label: 'GET /api/anguan/verify', audience: '', maxRequests: 30, duration: 60 });
		app.save(s);
	},
	(app) => {
		const s = app.settings();
		s.rateLimits.rules = s.rateLimits.rules.filter((r) => r.label !== 'GET /api/anguan/verify');
		app.save(s);
		app.delete(app.findCollectionByNameOrId('ecert_versions'));
		const certificates = app.findCollectionByNameOrId('certificates');
		for (const f of ['ecertPayload', 'ecertSignature', 'ecertVersion']) certificates.fields.removeByName(f);
		app.save(certificates);
	}
);
