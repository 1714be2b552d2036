/** 云南省 16 个州（市）— 工商注册所在地. */
export const YUNNAN_CITIES = [
	'昆明市',
	'曲靖市',
	'玉溪市',
	'保山市',
	'昭通市',
	'丽江市',
	'普洱市',
	'临沧市',
	'楚雄彝族自治州',
	'红河哈尼族彝族自治州',
	'文山壮族苗族自治州',
	'西双版纳傣族自治州',
	'大理白族自治州',
	'德宏傣族景颇族自治州',
	'怒江傈僳族自治州',
	'迪庆藏族自治州'
] as const;
export type YunnanCity = (typeof YUNNAN_CITIES)[number];

/**
 * Qualification categories an enterprise holds (企业资质类别), as 施工总承包 /
 * 专业承包 sequences, by their names in 建设工程企业资质标准. Older records may
 * read "水利水电施工总承包": it is the same 水利水电工程施工总承包, offered once.
 */
export const QUALIFICATION_CATEGORIES = [
	'建筑工程施工总承包',
	'公路工程施工总承包',
	'铁路工程施工总承包',
	'港口与航道工程施工总承包',
	'水利水电工程施工总承包',
	'电力工程施工总承包',
	'矿山工程施工总承包',
	'冶金工程施工总承包',
	'石油化工工程施工总承包',
	'市政公用工程施工总承包',
	'通信工程施工总承包',
	'机电工程施工总承包',
	'民航工程施工总承包',
	'地基基础工程专业承包',
	'建筑装修装饰工程专业承包',
	'钢结构工程专业承包',
	'消防设施工程专业承包',
	'环保工程专业承包',
	'特种工程专业承包',
	'施工劳务'
] as const;

export const QUALIFICATION_LEVELS = [
	'总承包特级',
	'总承包一级',
	'总承包二级',
	'总承包三级',
	'专业承包一级',
	'专业承包二级',
	'专业承包三级',
	'专业承包不分等级',
	'施工劳务不分等级'
] as const;
