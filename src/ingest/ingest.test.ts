import { describe, expect, it } from 'vitest';
import type { VigilEvent } from '../domain/index.js';
import { prepare, worldRows } from './ingest.js';

const noDetection = { detect: () => undefined };
const spanish = { detect: (text: string) => (/hola/.test(text) ? 'es' : undefined) };

describe('batch planning (pure)', () => {
  it('merges an entity mentioned twice: later event wins attributes, times widen, each event counts once', () => {
    const events = [
      { id: 'e2', type: 'account.updated', time: '2026-11-01T12:00:00Z', account: { id: 'a1', display_name: 'New name' } },
      { id: 'e1', type: 'account.created', time: '2026-11-01T10:00:00Z', account: { id: 'a1', display_name: 'Old name', country: 'ES' } },
    ] as VigilEvent[];
    const { prepared } = prepare(events, noDetection, '2026-11-01T13:00:00Z');
    const sorted = [...prepared].sort((a, b) => (a.row.event_time < b.row.event_time ? -1 : 1));
    const { entities } = worldRows(sorted);
    expect(entities).toEqual([
      { type: 'account', id: 'a1', attrs: { display_name: 'New name', country: 'ES' }, first_seen: '2026-11-01T10:00:00.000Z', last_seen: '2026-11-01T12:00:00.000Z', event_count: 2 },
    ]);
  });

  it('reports a repeated id inside a batch as a duplicate, and a changed body under it as a conflict', () => {
    const e = { id: 'x', type: 'login', time: '2026-11-01T10:00:00Z', account: { id: 'a' } } as VigilEvent;
    expect([...prepare([e, { ...e }], noDetection, 'now').duplicatesInBatch]).toEqual([1]);
    expect(() => prepare([e, { ...e, account: { id: 'b' } } as VigilEvent], noDetection, 'now')).toThrow(/event 1 \(id "x"\)/);
  });

  it('detects a language only when the event states none, and records it on the content entity', () => {
    const events = [
      { id: 'a', type: 'content.created', time: '2026-11-01T10:00:00Z', content: { id: 'c1', kind: 'text_post', text: 'hola amigos' }, author: { id: 'u' } },
      { id: 'b', type: 'content.created', time: '2026-11-01T10:00:00Z', content: { id: 'c2', kind: 'text_post', text: 'hola amigos', language: 'pt' }, author: { id: 'u' } },
    ] as VigilEvent[];
    const { prepared } = prepare(events, spanish, 'now');
    expect(prepared.map((p) => [p.row.language, p.row.language_detected])).toEqual([
      ['es', true],
      ['pt', false],
    ]);
    const { entities, relations } = worldRows(prepared);
    expect(entities.find((e) => e.id === 'c1')!.attrs.language).toBe('es');
    expect(entities.find((e) => e.id === 'c2')!.attrs.language).toBe('pt');
    expect(relations.map((r) => `${r.src_id} ${r.kind} ${r.dst_id}`)).toEqual(['u owns c1', 'u owns c2']);
    expect(prepared[0].row.refs).toEqual(['content:c1', 'account:u']);
  });
});
