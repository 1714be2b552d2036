import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './next';

const ORIGIN = 'https://anguan.example.gov.cn';

describe('sameOriginPath', () => {
	it('keeps paths of this site with their query', () => {
		expect(sameOriginPath('/certificates', ORIGIN)).toBe('/certificates');
		expect(sameOriginPath('/apply/abc?kind=延续', ORIGIN)).toBe('/apply/abc?kind=%E5%BB%B6%E7%BB%AD');
	});
	it('refuses anything that leaves the site or is no path', () => {
		for (const next of [
			'//evil.example',
			'//evil.example/login',
			'/\\evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'certificates',
			'',
			null
		]) {
			expect(sameOriginPath(next, ORIGIN), String(next)).toBeNull();
		}
	});
});
