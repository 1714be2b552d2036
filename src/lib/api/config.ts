/**
 * Contact numbers and other public settings from the server
 * (`/api/anguan/config`), remembered for offline starts where the browser
 * lets this site keep data (and simply not remembered where it does not).
 */
export interface AppConfig {
	appName: string;
	deptPhone: string;
	supportPhone: string;
	issueDelayMinutes: number;
}

const KEY = 'anguan_config';
const DEFAULTS: AppConfig = {
	appName: '安管人员考核管理系统',
	deptPhone: '0871-65177922',
	supportPhone: '13529002309',
	issueDelayMinutes: 1440
};

export function cachedConfig(): AppConfig {
	try {
		return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
	} catch {
		return DEFAULTS;
	}
}

export async function loadConfig(): Promise<AppConfig> {
	let config: AppConfig;
	try {
		const res = await fetch('/api/anguan/config');
		if (!res.ok) return cachedConfig();
		config = { ...DEFAULTS, ...(await res.json()) } as AppConfig;
	} catch {
		return cachedConfig();
	}
	try {
		localStorage.setItem(KEY, JSON.stringify(config));
	} catch {
		// Site data blocked or full: the numbers are still right for this visit.
	}
	return config;
}
