// The part of sm-crypto (CommonJS, no bundled types) that the app uses.
declare module 'sm-crypto' {
	interface SignOptions {
		hash?: boolean;
		der?: boolean;
		userId?: string;
	}
	export const sm2: {
		generateKeyPairHex(): { publicKey: string; privateKey: string };
		doSignature(msg: string, privateKey: string, options?: SignOptions): string;
		doVerifySignature(msg: string, signatureHex: string, publicKey: string, options?: SignOptions): boolean;
	};
}
