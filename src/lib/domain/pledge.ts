/**
 * The 变更 / 延续 承诺书 as sentences (the words of static/templates/变更证书承诺书.html),
 * filled with what the app knows; what it does not know stays a blank to write in.
 */
export interface PledgeFacts {
	kind: '变更' | '延续';
	name?: string;
	idNumber?: string;
	category?: string;
	certNo?: string;
	enterprise?: string;
}

export interface PledgeText {
	title: string;
	paragraphs: string[];
	promises: string[];
	signature: string[];
	note: string;
}

/** An empty place to write in by hand. */
export const BLANK = '＿＿＿＿＿＿＿＿';

export function pledgeText(f: PledgeFacts): PledgeText {
	const v = (s: string | undefined) => s?.trim() || BLANK;
	const employer = f.kind === '变更' ? `，变更后工作单位为${v(f.enterprise)}` : `，工作单位为${v(f.enterprise)}`;
	return {
		title: '承诺书',
		paragraphs: [
			`本人${v(f.name)}，身份证号${v(f.idNumber)}，持有建筑施工企业安全生产管理人员考核合格证书（证书类型：${v(f.category)}，证书编号：${v(f.certNo)}），现申请办理证书${f.kind}${employer}。`,
			'本人郑重承诺：'
		],
		promises: [
			'所提交的身份证、原纸质证书、劳动合同和社保证明等全部材料真实、有效、完整；',
			'本人与上述工作单位依法签订劳动合同，并在该单位缴纳社会保险，工作单位与社保缴费单位一致；',
			'本人未同时在两个及以上单位受聘或执业；',
			'如有隐瞒、虚报或提供虚假材料，本人自愿承担由此产生的一切法律责任，并接受撤销证书等处理。'
		],
		signature: ['承诺人（签字并按手印）：', '工作单位（盖章）：', '年　　月　　日'],
		note: '填写说明：打印本页，本人签字并按手印、工作单位盖章后，拍照或扫描（jpg、png 或 pdf），在申请页面“承诺书”处上传。'
	};
}

/** Every character the PDF will draw (for the font slices to fetch). */
export function pledgeCharacters(t: PledgeText): string {
	return [t.title, ...t.paragraphs, ...t.promises.map((p, i) => `${i + 1}. ${p}`), ...t.signature, t.note].join('');
}
