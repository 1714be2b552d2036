/**
 * Which browser the app runs in, as far as adding it to the home screen goes
 * (from the user agent: the features themselves are feature-detected).
 * WeChat's built-in browser cannot install a web app, and on iOS only Safari
 * (share sheet) can; domestic Android browsers never fire beforeinstallprompt
 * but have 添加到桌面 in their menu.
 */
export type InstallPlatform = 'wechat-ios' | 'wechat-android' | 'ios-safari' | 'ios-other' | 'domestic' | 'android' | 'desktop';

const DOMESTIC: [RegExp, string][] = [
	[/HuaweiBrowser|HarmonyOS/i, '华为浏览器'],
	[/MiuiBrowser|XiaoMi/i, '小米浏览器'],
	[/HeyTapBrowser|OppoBrowser/i, 'OPPO 浏览器'],
	[/VivoBrowser/i, 'vivo 浏览器'],
	[/UCBrowser/i, 'UC 浏览器'],
	[/Quark/i, '夸克'],
	[/MQQBrowser|QQBrowser/i, 'QQ 浏览器'],
	[/baiduboxapp|BaiduBrowser/i, '百度'],
	[/SamsungBrowser/i, '三星浏览器'],
	[/360SE|360EE|QihooBrowser/i, '360 浏览器']
];

export function installPlatform(ua: string): { platform: InstallPlatform; browser?: string } {
	const ios = /iPhone|iPad|iPod/i.test(ua) || (/Macintosh/i.test(ua) && /Mobile/i.test(ua));
	if (/MicroMessenger/i.test(ua)) return { platform: ios ? 'wechat-ios' : 'wechat-android' };
	if (ios) return { platform: /CriOS|FxiOS|EdgiOS|MQQBrowser|UCBrowser|baiduboxapp|QQ\//i.test(ua) ? 'ios-other' : 'ios-safari' };
	const domestic = DOMESTIC.find(([re]) => re.test(ua));
	if (domestic) return { platform: 'domestic', browser: domestic[1] };
	if (/Android/i.test(ua)) return { platform: 'android' };
	return { platform: 'desktop' };
}

export const isWeChat = (ua: string) => /MicroMessenger/i.test(ua);
