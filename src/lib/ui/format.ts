/** How sizes read in the UI: "880 B", "30 KB", "1.2 MB". */
export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 2 ** 20) return `${(n / 1024).toFixed(0)} KB`;
	if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(1)} MB`;
	return `${(n / 2 ** 30).toFixed(1)} GB`;
}
