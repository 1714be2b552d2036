// Synthetic demo data: valid but invented ID numbers, credit codes and names.
// Seeds an empty database only: once anyone is registered, nothing is added
// again (an applicant whose ID number was changed is not re-created under
// the old one; changed passwords stay changed).
import { createRequire } from 'node:module';
import PocketBase from 'pocketbase';
import { buildHooksLib } from './build-hooks-lib.js';

// The rules come from src/lib/domain, bundled for the hooks: build that bundle first (a fresh clone has none).
await buildHooksLib();
const require = createRequire(import.meta.url);
const d = require('../pb_hooks/lib/domain.js');

const today = d.chinaDay();

export const DEMO_ENTERPRISES = [
	{
		key: 'shuidian',
		uscc: d.makeCreditCode('91530100MA6DEMX01'),
		name: '云南滇源水利水电建设有限公司',
		legalRep: '杨文远',
		regCity: '昆明市',
		address: '昆明市官渡区示例路 88 号',
		qualCategory: '水利水电工程施工总承包',
		qualLevel: '总承包三级',
		qualCertNo: 'D353000001',
		qualIssuer: '云南省住房和城乡建设厅',
		contactName: '周敏',
		contactPhone: '0871-60000001'
	},
	{
		key: 'jianzhu',
		uscc: d.makeCreditCode('91530300MA6DEMX02'),
		name: '曲靖安泰建筑工程有限公司',
		legalRep: '马立新',
		regCity: '曲靖市',
		address: '曲靖市麒麟区示例大道 16 号',
		qualCategory: '建筑工程施工总承包',
		qualLevel: '总承包二级',
		qualCertNo: 'D253000002',
		qualIssuer: '云南省住房和城乡建设厅',
		contactName: '段红',
		contactPhone: '0874-60000002'
	}
];

export const DEMO_APPLICANTS = [
	{
		idNumber: d.makeIdNumber('530102', '19780315', 131),
		name: '李明华',
		title: '高级工程师',
		position: '总经理',
		enterprise: 'shuidian',
		certificate: { category: 'A', firstIssued: '2019-08-20', validUntil: d.addYears(today, 2) },
		note: 'A 证，有效'
	},
	{
		idNumber: d.makeIdNumber('530103', '19850622', 242),
		name: '王丽',
		title: '工程师',
		position: '项目经理',
		enterprise: 'shuidian',
		certificate: { category: 'B', firstIssued: '2018-11-30', validUntil: d.addDays(today, 45) },
		note: 'B 证，45 天后到期（可延续申请）'
	},
	{
		idNumber: d.makeIdNumber('530302', '19900108', 353),
		name: '赵建国',
		title: '助理工程师',
		position: '安全员',
		enterprise: 'jianzhu',
		certificate: {
			category: 'C2',
			firstIssued: '2023-07-01',
			validUntil: d.addYears('2023-07-01', 3) > today ? d.addYears('2023-07-01', 3) : d.addYears(today, 1),
			certNo: d.formatCertNo({ category: 'C2', year: 2023, serial: 123 }),
			ecertIssued: true
		},
		note: 'C2 证，电子证已发放'
	}
];

/** Whether anyone is registered yet (no filter in the URL: request logs never carry an ID number). */
async function isEmpty(pb) {
	for (const c of ['applicants', 'enterprises']) if ((await pb.collection(c).getList(1, 1, { fields: 'id' })).totalItems > 0) return false;
	return true;
}

const enterpriseLogin = (e) => ({
	kind: '企业',
	identity: e.uscc,
	name: e.name,
	password: d.defaultPassword(e.uscc),
	note: `${e.regCity} ${e.qualCategory} ${e.qualLevel}`
});
const applicantLogin = (a) => ({ kind: '个人', identity: a.idNumber, name: a.name, password: d.defaultPassword(a.idNumber), note: a.note });

/** The demo logins as seeded (approved applications may since have changed some of them). */
export function demoLogins() {
	return [...DEMO_ENTERPRISES.map(enterpriseLogin), ...DEMO_APPLICANTS.map(applicantLogin)];
}

/**
 * Seeds the demo accounts into an empty database; leaves a used one alone.
 * Returns whether it seeded. `pb` must be a superuser.
 */
export async function seedIfEmpty(pb) {
	if (!(await isEmpty(pb))) return { seeded: false };
	await seed(pb);
	return { seeded: true };
}

/** Creates the demo accounts and certificates. `pb` must be authenticated as a superuser. */
async function seed(pb) {
	const enterpriseIds = {};
	for (const e of DEMO_ENTERPRISES) {
		const { key, ...data } = e;
		const password = d.defaultPassword(e.uscc);
		const rec = await pb.collection('enterprises').create({ ...data, password, passwordConfirm: password, mustChangePassword: true });
		enterpriseIds[key] = rec.id;
	}
	for (const a of DEMO_APPLICANTS) {
		const password = d.defaultPassword(a.idNumber);
		const rec = await pb.collection('applicants').create({
			idNumber: a.idNumber,
			name: a.name,
			title: a.title,
			position: a.position,
			enterprise: enterpriseIds[a.enterprise],
			password,
			passwordConfirm: password,
			mustChangePassword: true
		});
		const c = a.certificate;
		await pb.collection('certificates').create({
			holder: rec.id,
			category: c.category,
			status: '有效',
			firstIssued: c.firstIssued,
			validUntil: c.validUntil,
			enterprise: enterpriseIds[a.enterprise],
			certNo: c.certNo ?? '',
			ecertIssuedAt: c.ecertIssued ? new Date().toISOString() : '',
			verifyCode: c.ecertIssued ? randomCode() : ''
		});
	}
}

function randomCode() {
	const abc = d.VERIFY_CODE_ALPHABET;
	return Array.from(crypto.getRandomValues(new Uint8Array(d.VERIFY_CODE_LENGTH)), (b) => abc[b % abc.length]).join('');
}

/** Logs in as the reviewer at `url` and seeds an empty database; see seedIfEmpty. */
export async function seedAt(url, email, password) {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(email, password);
	return seedIfEmpty(pb);
}
