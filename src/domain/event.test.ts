import { describe, expect, it } from 'vitest';
import { describeEvent, type VigilEvent } from './event.js';

const rel = (e: VigilEvent) => describeEvent(e).relations.map((r) => `${r.src.type}:${r.src.id} ${r.kind} ${r.dst.type}:${r.dst.id}`);
const t = '2026-11-01T10:00:00Z';

describe('what events say about the world', () => {
  it('links a purchase to its seller, shop and payment instrument, partitioned by the seller', () => {
    const e = { id: '1', type: 'purchase', time: t, buyer: { id: 'b' }, listing: { id: 'l', kind: 'product_listing' }, seller: { id: 's' }, shop: { id: 'sh' }, payment_instrument: { id: 'card' }, amount_cents: 100, currency: 'USD' } as VigilEvent;
    expect(rel(e)).toEqual(['account:s owns content:l', 'content:l sold_by shop:sh', 'account:b paid_with payment_instrument:card']);
    expect(describeEvent(e).partitionKey).toBe('account:s');
  });

  it('puts a livestream chat comment in the stream and a reply under its content', () => {
    const chat = { id: '2', type: 'comment', time: t, content: { id: 'c', kind: 'comment', text: 'hi' }, author: { id: 'u' }, target: { type: 'livestream', id: 'ls' } } as VigilEvent;
    const reply = { ...chat, id: '3', target: { type: 'content', id: 'v' } } as VigilEvent;
    expect(rel(chat)).toEqual(['account:u owns content:c', 'content:c posted_in livestream:ls']);
    expect(rel(reply)).toEqual(['account:u owns content:c', 'content:c replied_to content:v']);
    expect(describeEvent(chat).text).toBe('hi');
  });

  it('records shared devices and IPs from logins, and gifts by the stream', () => {
    const login = { id: '4', type: 'login', time: t, account: { id: 'u' }, device: { id: 'd' }, ip: { id: '1.2.3.4' } } as VigilEvent;
    expect(rel(login)).toEqual(['account:u used_device device:d', 'account:u used_ip ip:1.2.3.4']);
    const gift = { id: '5', type: 'gift', time: t, livestream: { id: 'ls' }, sender: { id: 'u' }, gift: { name: 'rose', value_cents: 5, currency: 'USD' } } as VigilEvent;
    expect(describeEvent(gift).partitionKey).toBe('livestream:ls');
    expect(describeEvent(gift).mentions.map((m) => `${m.role}=${m.type}:${m.id}`)).toEqual(['livestream=livestream:ls', 'sender=account:u']);
  });

  it('keeps free-form attrs and known attributes together on the mentioned entity', () => {
    const e = { id: '6', type: 'account.created', time: t, account: { id: 'u', country: 'AE', attrs: { tier: 'gold' } } } as VigilEvent;
    expect(describeEvent(e).mentions[0].attrs).toEqual({ tier: 'gold', country: 'AE' });
  });
});
