/**
 * Region codes that can begin an ID number or sit in a credit code (GB/T
 * 2260 provinces), and the registration-authority / organisation-type pairs
 * of a credit code (GB 32100). Only the province level is checked: counties
 * are merged and renamed over the years, but a number keeps its old code for
 * life, so a county list would refuse real people.
 */

/** Provinces (11 北京 … 65 新疆), 71 台湾, and 81 / 82 / 83 of the residence permits of Hong Kong, Macao and Taiwan residents. */
const ID_PROVINCES = new Set([
	'11',
	'12',
	'13',
	'14',
	'15',
	'21',
	'22',
	'23',
	'31',
	'32',
	'33',
	'34',
	'35',
	'36',
	'37',
	'41',
	'42',
	'43',
	'44',
	'45',
	'46',
	'50',
	'51',
	'52',
	'53',
	'54',
	'61',
	'62',
	'63',
	'64',
	'65',
	'71',
	'81',
	'82',
	'83'
]);
/** Mainland provinces only: where a foreigner's permanent residence card (9 + province, since 2023) or a registry sits. */
const MAINLAND_PROVINCES = new Set([...ID_PROVINCES].filter((p) => Number(p) < 70));

/**
 * Whether an 18-digit ID number starts with a possible region: a province
 * code, or 9 followed by a mainland province (the 2023 foreigner's permanent
 * residence ID card, which shares the number's layout and checksum).
 */
export function isIdRegionValid(idNumber: string): boolean {
	if (idNumber[0] === '9') return MAINLAND_PROVINCES.has(idNumber.slice(1, 3));
	return ID_PROVINCES.has(idNumber.slice(0, 2));
}

/** 登记管理部门代码 → the 机构类别代码 it may be followed by. */
const CREDIT_CODE_TYPES: Record<string, string> = {
	'1': '1239', // 机构编制: 机关, 事业单位, 群众团体, 其他
	'2': '19', // 外交
	'3': '123459', // 司法行政
	'4': '19', // 文化
	'5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
	'6': '129', // 旅游
	'7': '129', // 宗教
	'8': '19', // 工会
	'9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
	A: '19', // 中央军委改革和编制办公室
	N: '1239', // 农业
	Y: '1' // 其他
};

export function isCreditCodeTypeValid(code: string): boolean {
	return (CREDIT_CODE_TYPES[code[0]] ?? '').includes(code[1]);
}

/** Characters 3–8 are the registering authority's region: a mainland province, or 10 for the national level. */
export function isCreditCodeRegionValid(code: string): boolean {
	const province = code.slice(2, 4);
	return province === '10' || MAINLAND_PROVINCES.has(province);
}
