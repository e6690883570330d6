// Small, valid events for tests.
let n = 0;
export const uid = (prefix = 'x') => `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}`;

export function contentCreated(overrides: { id?: string; contentId?: string; authorId?: string; text?: string; language?: string; time?: string } = {}) {
  return {
    id: overrides.id ?? uid('evt'),
    type: 'content.created',
    time: overrides.time ?? '2026-11-01T10:00:00Z',
    content: { id: overrides.contentId ?? uid('c'), kind: 'text_post', text: overrides.text ?? 'hello world, what a lovely day at the beach', ...(overrides.language ? { language: overrides.language } : {}) },
    author: { id: overrides.authorId ?? uid('u'), kind: 'creator' },
  };
}

export function login(overrides: { accountId?: string; deviceId?: string; ip?: string; time?: string } = {}) {
  return {
    id: uid('evt'),
    type: 'login',
    time: overrides.time ?? '2026-11-01T10:00:00Z',
    account: { id: overrides.accountId ?? uid('u') },
    device: { id: overrides.deviceId ?? uid('d') },
    ip: { id: overrides.ip ?? '203.0.113.7' },
  };
}
