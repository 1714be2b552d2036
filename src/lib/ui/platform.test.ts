import { describe, expect, it } from 'vitest';
import { installPlatform } from './platform';

const UA = {
	wechatIos:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
	wechatAndroid:
		'Mozilla/5.0 (Linux; Android 13; V2055A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
	safari:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
	chromeIos:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1',
	huawei:
		'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36',
	chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
	desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0'
};

describe('installPlatform', () => {
	it('tells WeChat on iOS and Android apart from the browsers that can install', () => {
		expect(installPlatform(UA.wechatIos).platform).toBe('wechat-ios');
		expect(installPlatform(UA.wechatAndroid).platform).toBe('wechat-android');
		expect(installPlatform(UA.safari).platform).toBe('ios-safari');
		expect(installPlatform(UA.chromeIos).platform).toBe('ios-other');
		expect(installPlatform(UA.huawei)).toEqual({ platform: 'domestic', browser: '华为浏览器' });
		expect(installPlatform(UA.chromeAndroid).platform).toBe('android');
		expect(installPlatform(UA.desktop).platform).toBe('desktop');
	});
});
