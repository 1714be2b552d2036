/** 办理记录: the audit trail of one request, oldest first. */
import { collection, pb } from './client';
import type { ReviewEventRecord } from './records';

export function reviewHistory(recordId: string): Promise<ReviewEventRecord[]> {
	return collection('review_events').getFullList({
		filter: pb.filter('recordId = {:id}', { id: recordId }),
		sort: 'created',
		requestKey: null
	});
}
