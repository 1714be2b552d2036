import type { FaceApiUrls } from './face-api';
import type { OpenResult, ProcessOptions, ProcessResult, SourceInfo } from './pipeline';

/** `key` names the file: the worker keeps its decoded bitmap (and faces) while the key stays the same. */
export type WorkerRequest =
	| { id: number; type: 'warm'; urls: FaceApiUrls }
	| { id: number; type: 'open'; key: string; file: Blob; source: SourceInfo; mayHaveAlpha: boolean; urls?: FaceApiUrls }
	| { id: number; type: 'process'; key: string; file: Blob; source: SourceInfo; options: ProcessOptions };

export type WorkerReply =
	| { id: number; type: 'warmed'; ok: boolean }
	| ({ id: number; type: 'opened' } & OpenResult)
	| ({ id: number; type: 'processed' } & ProcessResult)
	| { id: number; type: 'error'; message: string };
