// A material's status: testing hits are recorded but never acted on, active ones act, retired ones match nothing.
import { Badge } from '../shared/ui';
import type { MaterialStatus } from './types';

const TONE = { testing: 'warn', active: 'ok', retired: undefined } as const;

export const StatusBadge = ({ status }: { status: MaterialStatus }) => <Badge tone={TONE[status]}>{status}</Badge>;

/** A hit of a testing material (recorded, never acted on) or of an active one. */
export const HitTone = ({ test }: { test: boolean }) => (test ? <Badge tone="warn">test</Badge> : <Badge tone="danger">live</Badge>);
