import { describe, expect, it } from 'vitest';
import { photoCheckSummary } from './photo-check';

const report = {
	version: 1,
	results: [
		{ id: 'face', level: 'pass', message: '检测到一张人脸', value: 0.98 },
		{ id: 'background', level: 'warn', message: '背景不够均匀，可能有阴影' },
		{ id: 'headSize', level: 'skip', message: '未检测到人脸，无法判断' }
	],
	acknowledged: true
};

describe('photoCheckSummary', () => {
	it('says each check in Chinese, with the reason of every problem, and that the applicant confirmed', () => {
		expect(photoCheckSummary(report)).toBe(
			'人脸: 通过；白色背景: 提示（背景不够均匀，可能有阴影）；头部大小: 未检测（未检测到人脸，无法判断）；申请人已确认提示项'
		);
	});
	it('reads the JSON text PocketBase stores, and says when the background was replaced', () => {
		expect(photoCheckSummary(JSON.stringify({ results: [{ id: 'colour', level: 'pass' }], backgroundReplaced: true }))).toBe(
			'彩色照片: 通过；背景已由照片工具替换为白色'
		);
	});
	it('is empty without a report and says so when the report is unreadable', () => {
		expect(photoCheckSummary(null)).toBe('');
		expect(photoCheckSummary('')).toBe('');
		expect(photoCheckSummary({})).toBe('');
		expect(photoCheckSummary('{not json')).toBe('照片检测报告无法读取');
	});
});
