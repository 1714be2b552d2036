/**
 * Chrome/Edge's install prompt, kept from the moment the browser offers it
 * (often before any page shows the guide): imported by the root layout.
 */
interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class Install {
	prompt = $state.raw<InstallPromptEvent | null>(null);
	installed = $state(typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches);

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('beforeinstallprompt', (e) => {
			e.preventDefault();
			this.prompt = e as InstallPromptEvent;
		});
		window.addEventListener('appinstalled', () => {
			this.installed = true;
			this.prompt = null;
		});
	}

	/** Shows the browser's own dialog; true when the person accepted. */
	async run(): Promise<boolean> {
		const p = this.prompt;
		if (!p) return false;
		await p.prompt();
		const { outcome } = await p.userChoice;
		this.prompt = null;
		return outcome === 'accepted';
	}
}

export const install = new Install();
