/** How sizes read in the UI: "880 B", "30 KB", "1.2 MB". */
export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 2 ** 20) return `${(n / 1024).toFixed(0)} KB`;
	if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(1)} MB`;
	return `${(n / 2 ** 30).toFixed(1)} GB`;
}

/**
 * One sentence of Chinese ending in exactly one "。", whatever the message
 * brought (PocketBase's "." after Chinese, our own "。", nothing), so messages
 * can be joined without "。。" or "原因.".
 */
export function sentence(text: string): string {
	const t = text.trim().replace(/[。.．\s]+$/u, '');
	return t ? (/[！？!?]$/.test(t) ? t : `${t}。`) : '';
}
