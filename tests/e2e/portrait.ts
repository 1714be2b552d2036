/**
 * A synthetic ID portrait for the photo tool's tests — drawn, no real person:
 * shaded face, eyes, brows, nose, mouth, ears, hair with loose strands,
 * shirt and jacket, on a backdrop, with a little sensor noise. Drawn by the
 * browser under test (canvas) and encoded as the phone-camera JPEG an
 * applicant would pick. face-api's tiny detector finds its face (score ≈ 0.9)
 * and its landmarks sit on the drawn eyes and chin.
 */
import type { Page } from '@playwright/test';

export interface PortraitOptions {
	width?: number;
	height?: number;
	/** Backdrop colour, CSS. */
	background?: string;
	/** Multiplies every channel after drawing: < 1 darkens. */
	brightness?: number;
	greyscale?: boolean;
}

/** Runs in the page (a base64 JPEG): no closures over test code. */
export function drawPortrait(o: Required<PortraitOptions>): Promise<string> {
	const W = o.width;
	const H = o.height;
	const canvas = new OffscreenCanvas(W, H);
	const g = canvas.getContext('2d', { willReadFrequently: true })!;
	g.fillStyle = o.background;
	g.fillRect(0, 0, W, H);
	// Design units: the head is ~500 wide; the figure sits a little above the middle, as in a phone shot.
	const s = Math.min(W, H / 1.3) / 1150;
	g.save();
	g.translate(W / 2, H * 0.4);
	g.scale(s, s);
	let seed = 1;
	const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	// jacket and shirt
	g.fillStyle = '#27344f';
	g.beginPath();
	g.moveTo(-440, 1200);
	g.lineTo(-430, 620);
	g.bezierCurveTo(-410, 420, -260, 360, -120, 330);
	g.lineTo(120, 330);
	g.bezierCurveTo(260, 360, 410, 420, 430, 620);
	g.lineTo(440, 1200);
	g.closePath();
	g.fill();
	g.fillStyle = '#f2f2f2';
	g.beginPath();
	g.moveTo(-90, 330);
	g.lineTo(0, 470);
	g.lineTo(90, 330);
	g.closePath();
	g.fill();
	// neck
	let gr = g.createLinearGradient(-70, 0, 70, 0);
	gr.addColorStop(0, '#c98f6d');
	gr.addColorStop(0.5, '#e0a987');
	gr.addColorStop(1, '#c98f6d');
	g.fillStyle = gr;
	g.beginPath();
	g.moveTo(-75, 150);
	g.lineTo(-80, 350);
	g.quadraticCurveTo(0, 420, 80, 350);
	g.lineTo(75, 150);
	g.fill();
	// ears
	g.fillStyle = '#dca080';
	for (const sx of [-1, 1]) {
		g.beginPath();
		g.ellipse(sx * 158, 10, 26, 52, 0, 0, Math.PI * 2);
		g.fill();
	}
	// face
	gr = g.createRadialGradient(-20, -40, 30, 0, 0, 210);
	gr.addColorStop(0, '#f3c9a8');
	gr.addColorStop(0.7, '#e8b28f');
	gr.addColorStop(1, '#c98c69');
	g.fillStyle = gr;
	g.beginPath();
	g.moveTo(0, -230);
	g.bezierCurveTo(110, -230, 165, -150, 162, -30);
	g.bezierCurveTo(160, 80, 120, 170, 0, 215);
	g.bezierCurveTo(-120, 170, -160, 80, -162, -30);
	g.bezierCurveTo(-165, -150, -110, -230, 0, -230);
	g.fill();
	// hair: a mass, then loose strands along its outline
	g.fillStyle = '#1d1714';
	g.beginPath();
	g.moveTo(-170, -10);
	g.bezierCurveTo(-185, -200, -90, -290, 10, -285);
	g.bezierCurveTo(120, -285, 190, -200, 170, -10);
	g.bezierCurveTo(160, -120, 110, -170, 40, -175);
	g.bezierCurveTo(-20, -150, -100, -175, -150, -120);
	g.quadraticCurveTo(-168, -80, -170, -10);
	g.fill();
	g.strokeStyle = 'rgba(29, 23, 20, 0.8)';
	g.lineWidth = 1.4;
	for (let i = 0; i < 420; i++) {
		const a = Math.PI * (1.02 + 0.96 * rnd());
		const x0 = Math.cos(a) * 168;
		const y0 = -70 + Math.sin(a) * 212;
		const out = a + (rnd() - 0.5) * 1.2;
		const len = 6 + rnd() * 22;
		const bend = (rnd() - 0.5) * 14;
		g.beginPath();
		g.moveTo(x0, y0);
		g.quadraticCurveTo(
			x0 + Math.cos(out) * len * 0.5 - Math.sin(out) * bend,
			y0 + Math.sin(out) * len * 0.5 + Math.cos(out) * bend,
			x0 + Math.cos(out) * len,
			y0 + Math.sin(out) * len
		);
		g.stroke();
	}
	// brows, eyes, nose, mouth
	g.strokeStyle = '#2b211c';
	g.lineWidth = 11;
	g.lineCap = 'round';
	for (const sx of [-1, 1]) {
		g.beginPath();
		g.moveTo(sx * 30, -72);
		g.quadraticCurveTo(sx * 70, -92, sx * 115, -74);
		g.stroke();
	}
	for (const sx of [-1, 1]) {
		const ex = sx * 68;
		const ey = -30;
		g.fillStyle = '#f7f3ef';
		g.beginPath();
		g.ellipse(ex, ey, 34, 15, 0, 0, Math.PI * 2);
		g.fill();
		g.fillStyle = '#3a2a20';
		g.beginPath();
		g.arc(ex, ey, 13, 0, Math.PI * 2);
		g.fill();
		g.fillStyle = '#0b0806';
		g.beginPath();
		g.arc(ex, ey, 6, 0, Math.PI * 2);
		g.fill();
		g.fillStyle = '#fff';
		g.beginPath();
		g.arc(ex - 4, ey - 4, 3, 0, Math.PI * 2);
		g.fill();
		g.strokeStyle = '#3b2a22';
		g.lineWidth = 4;
		g.beginPath();
		g.ellipse(ex, ey, 35, 16, 0, Math.PI * 1.05, Math.PI * 1.95);
		g.stroke();
	}
	gr = g.createLinearGradient(-30, 0, 30, 0);
	gr.addColorStop(0, 'rgba(170,110,80,0.45)');
	gr.addColorStop(0.5, 'rgba(170,110,80,0)');
	gr.addColorStop(1, 'rgba(170,110,80,0.25)');
	g.fillStyle = gr;
	g.beginPath();
	g.moveTo(-12, -20);
	g.lineTo(-30, 65);
	g.quadraticCurveTo(0, 85, 30, 65);
	g.lineTo(12, -20);
	g.fill();
	g.fillStyle = '#8a5140';
	for (const sx of [-1, 1]) {
		g.beginPath();
		g.ellipse(sx * 15, 70, 9, 5, 0, 0, Math.PI * 2);
		g.fill();
	}
	g.fillStyle = '#b5645a';
	g.beginPath();
	g.moveTo(-52, 125);
	g.quadraticCurveTo(0, 105, 52, 125);
	g.quadraticCurveTo(0, 152, -52, 125);
	g.fill();
	g.restore();
	// Sensor noise, then brightness and colour as asked.
	const img = g.getImageData(0, 0, W, H);
	const d = img.data;
	let r = 7;
	for (let i = 0; i < d.length; i += 4) {
		r = (r * 1103515245 + 12345) >>> 0;
		const t = ((r >>> 16) % 13) - 6;
		for (let c = 0; c < 3; c++) d[i + c] = (d[i + c] + t) * o.brightness;
		if (o.greyscale) d[i] = d[i + 1] = d[i + 2] = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
	}
	g.putImageData(img, 0, 0);
	return canvas
		.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
		.then((b) => b.arrayBuffer())
		.then((buf) => {
			let bin = '';
			const bytes = new Uint8Array(buf);
			for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(bin);
		});
}

/** The portrait as a JPEG file for `setInputFiles`. */
export async function portraitJpeg(page: Page, name: string, opts: PortraitOptions = {}) {
	const o: Required<PortraitOptions> = { width: 1200, height: 1600, background: '#f6f6f4', brightness: 1, greyscale: false, ...opts };
	const base64 = await page.evaluate(drawPortrait, o);
	return { name, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** Blue ID-photo backdrop, as on older certificates. */
export const BLUE_BACKDROP = '#3f86d6';
